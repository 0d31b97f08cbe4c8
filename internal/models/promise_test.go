package models

import "testing"

func TestListenerAwaited(t *testing.T) {
	for spec, want := range map[string]bool{
		"@fedify/fedify":              true,
		"@fedify/fedify/federation":   true,
		"jsr:@fedify/fedify@^1.5":     true,
		"jsr:@fedify/fedify@1/x/hono": true,
		"npm:probot@13":               true,
		"probot":                      true,
		"@fedify/vocab":               false,
		"node:events":                 false,
		"jsr:@std/async":              false,
		"fedify":                      false,
	} {
		if got := ListenerAwaited(spec); got != want {
			t.Errorf("ListenerAwaited(%q) = %v, want %v", spec, got, want)
		}
	}
}

func TestRegistryPackage(t *testing.T) {
	for spec, want := range map[string]string{
		"jsr:@std/path@^1/posix": "@std/path/posix",
		"jsr:/@std/path@1":       "@std/path",
		"npm:express@4":          "express",
		"npm:express":            "express",
		"express":                "express",
		"jsr:@std":               "@std",
	} {
		if got := registryPackage(spec); got != want {
			t.Errorf("registryPackage(%q) = %q, want %q", spec, got, want)
		}
	}
}

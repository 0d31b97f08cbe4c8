package config

import (
	"encoding/json"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/models"
)

// JSONSchema returns a JSON Schema (draft 2020-12) of racecheck.json for
// editors: the top-level keys, each rule id (ruleIDs) with its settings,
// and the kinds of "models". It is generated, so that it cannot drift from
// what Parse accepts; racecheck.schema.json at the repository root is its
// output.
func JSONSchema(ruleIDs []string) ([]byte, error) {
	severity := map[string]any{"enum": []string{"off", "high", "medium", "low"}}
	setting := settingSchema(severity, map[string]any{"type": "object"})
	rules := map[string]any{}
	for _, id := range ruleIDs {
		rules[id] = ruleSetting(id, severity)
	}
	globs := map[string]any{"type": "array", "items": map[string]any{"type": "string"}}
	schema := map[string]any{
		"$schema":              "https://json-schema.org/draft/2020-12/schema",
		"title":                "racecheck configuration (racecheck.json)",
		"type":                 "object",
		"additionalProperties": false,
		"$defs":                map[string]any{"setting": setting, "settingWithoutOptions": settingSchema(severity, map[string]any{"type": "object", "maxProperties": 0})},
		"properties": map[string]any{
			"$schema":                  map[string]any{"type": "string"},
			"failOn":                   map[string]any{"enum": []string{"high", "medium", "low", "never"}, "description": "lowest severity that fails the run (default medium)"},
			"baseline":                 map[string]any{"type": "string", "description": "baseline file, relative to this file"},
			"reportUnusedSuppressions": map[string]any{"type": "boolean"},
			"ignore":                   withDescription(globs, "gitignore-style globs of files not to scan, relative to this file"),
			"tests":                    withDescription(globs, "globs of test files, indexed but not checked (default: the usual test file names and folders)"),
			"singleProcess":            withDescription(globs, "globs of files whose code never runs concurrently with itself"),
			"oneShotScripts":           map[string]any{"type": "boolean", "description": "whether the code that only package.json scripts and bin entries run, and that serves nothing, counts as single-process (default true)"},
			"rules": map[string]any{
				"type":                 "object",
				"additionalProperties": false,
				"properties":           rules,
				"description":          "per-rule settings: \"off\", a severity, or { severity, options }",
			},
			"models": map[string]any{
				"type":                 "object",
				"description":          "the project's own data-access wrappers: \"module#export\" to what it does",
				"propertyNames":        map[string]any{"pattern": "^[^#]+#.+$"},
				"additionalProperties": map[string]any{"enum": models.WrapperKinds()},
			},
		},
	}
	return json.MarshalIndent(schema, "", "  ")
}

// settingSchema is the schema of a rule's setting: a severity, or an
// object with a severity and options as the schema options says.
func settingSchema(severity, options map[string]any) map[string]any {
	return map[string]any{
		"oneOf": []any{
			severity,
			map[string]any{
				"type":                 "object",
				"additionalProperties": false,
				"properties":           map[string]any{"severity": severity, "options": options},
			},
		},
	}
}

// ruleSetting is the schema of one rule's setting: the shared one, or, for
// a rule this build registers, one whose "options" are those the rule
// declares (none for most rules), as Parse checks them.
func ruleSetting(id string, severity map[string]any) map[string]any {
	r, ok := analysis.Lookup(id)
	if !ok {
		return map[string]any{"$ref": "#/$defs/setting"}
	}
	if len(r.Options) == 0 {
		return map[string]any{"$ref": "#/$defs/settingWithoutOptions"}
	}
	options := map[string]any{}
	for _, o := range r.Options {
		options[o.Name] = map[string]any{
			"type":        "array",
			"items":       map[string]any{"type": "string"},
			"description": o.Doc,
			"default":     o.Default,
		}
	}
	return settingSchema(severity, map[string]any{"type": "object", "additionalProperties": false, "properties": options})
}

func withDescription(m map[string]any, d string) map[string]any {
	out := map[string]any{"description": d}
	for k, v := range m {
		out[k] = v
	}
	return out
}

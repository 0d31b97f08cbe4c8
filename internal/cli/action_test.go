package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// action is the part of action.yml the tests read.
type action struct {
	Inputs  map[string]struct{ Default string }
	Outputs map[string]struct{ Value string }
	Runs    struct {
		Using string
		Steps []struct {
			ID, If, Uses, Shell, Run string
			Env                      map[string]string
			With                     map[string]string
		}
	}
}

func readAction(t *testing.T) (action, string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a action
	if err := yaml.Unmarshal(data, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a, string(data)
}

// TestActionReferences checks that action.yml is a composite action whose
// expressions name only inputs it declares and outputs its scan step writes.
func TestActionReferences(t *testing.T) {
	a, text := readAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(text, -1) {
		if _, ok := a.Inputs[m[1]]; !ok {
			t.Errorf("action.yml uses inputs.%s, which it does not declare", m[1])
		}
	}
	var scan string
	for _, s := range a.Runs.Steps {
		if s.ID == "scan" {
			scan = s.Run
		}
	}
	for _, m := range regexp.MustCompile(`steps\.scan\.outputs\.([a-z-]+)`).FindAllStringSubmatch(text, -1) {
		if !strings.Contains(scan, m[1]+"=") {
			t.Errorf("action.yml reads steps.scan.outputs.%s, which the scan step does not write", m[1])
		}
	}
	if !strings.Contains(scan, `npx --yes "racecheck@$RACECHECK_VERSION" scan`) {
		t.Errorf("the scan step does not run racecheck from npm:\n%s", scan)
	}
}

// TestActionScanStep runs the scan step's script with a stand-in for npx
// and checks the outputs it writes and its exit status for each of
// racecheck's exit statuses.
func TestActionScanStep(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	a, _ := readAction(t)
	var script string
	for _, s := range a.Runs.Steps {
		if s.ID == "scan" {
			script = s.Run
		}
	}
	for _, status := range []string{"0", "1", "2"} {
		dir := t.TempDir()
		fake := "#!/bin/sh\necho \"$@\" > " + filepath.Join(dir, "args") + "\nexit " + status + "\n"
		if err := os.WriteFile(filepath.Join(dir, "npx"), []byte(fake), 0o755); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "github_output")
		cmd := exec.Command(bash, "-e", "-c", script)
		cmd.Env = append(os.Environ(),
			"PATH="+dir+string(os.PathListSeparator)+os.Getenv("PATH"),
			"GITHUB_OUTPUT="+out,
			"RACECHECK_VERSION=1.4.0",
			"RACECHECK_PATHS=api worker",
			"RACECHECK_ARGS=--fail-on high",
			"SARIF_FILE=/tmp/r.sarif",
		)
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if want := map[string]int{"0": 0, "1": 0, "2": 2}[status]; code != want {
			t.Errorf("racecheck exit %s: the step exits %d, want %d", status, code, want)
		}
		outputs, _ := os.ReadFile(out)
		if want := "sarif-file=/tmp/r.sarif\nexit-code=" + status + "\n"; string(outputs) != want {
			t.Errorf("racecheck exit %s: outputs %q, want %q", status, outputs, want)
		}
		args, _ := os.ReadFile(filepath.Join(dir, "args"))
		if want := "--yes racecheck@1.4.0 scan --fail-on high --format sarif --output /tmp/r.sarif --report text api worker\n"; string(args) != want {
			t.Errorf("npx got %q, want %q", args, want)
		}
	}
}

package cli

import (
	"bytes"
	"os"
	"testing"

	"github.com/racecheck/racecheck/internal/config"
)

// TestSchemaFile: racecheck.schema.json at the repository root is what
// config.JSONSchema generates for the rules of this build. Run with
// RACECHECK_WRITE_SCHEMA=1 to write it after adding a rule or a key.
func TestSchemaFile(t *testing.T) {
	want, err := config.JSONSchema(knownIDs())
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n')
	const file = "../../racecheck.schema.json"
	if os.Getenv("RACECHECK_WRITE_SCHEMA") != "" {
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with RACECHECK_WRITE_SCHEMA=1 to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: run go test ./internal/cli -run TestSchemaFile with RACECHECK_WRITE_SCHEMA=1", file)
	}
}

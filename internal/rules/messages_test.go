package rules_test

import (
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/engine"
)

// TestRejectionHandlerMessage: where the project installs a process-wide
// unhandledRejection handler, floating-promise says the rejection reaches
// it, not that Node ends the process.
func TestRejectionHandlerMessage(t *testing.T) {
	res, err := engine.Run(engine.Options{Paths: []string{"testdata/messages/rejection-handler"}, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		if f.Rule == "floating-promise" {
			got = append(got, f.Message)
		}
	}
	if len(got) != 1 {
		t.Fatalf("want one floating-promise finding, got %q", got)
	}
	if !strings.Contains(got[0], "process-wide unhandledRejection handler (main.ts:3)") || strings.Contains(got[0], "terminates") {
		t.Errorf("message does not name the handler: %s", got[0])
	}
}

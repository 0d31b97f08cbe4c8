package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
)

// findingsOf scans dir as a project and returns the findings of one rule.
func findingsOf(t *testing.T, dir, rule string) []analysis.Finding {
	t.Helper()
	res, err := engine.Run(engine.Options{Paths: []string{dir}, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	var out []analysis.Finding
	for _, f := range res.Findings {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

// TestRejectionHandlerMessage: where the project installs a process-wide
// unhandledRejection handler that logs and goes on, floating-promise
// reports only promises that reject on purpose (a check), says the
// rejection reaches the handler, and leaves out those that fail only with
// the database. A handler that exits the process changes nothing, and a
// handler installed by a script that does not load the code covers none.
// A handler in a module the entry imports covers what the entry loads, also
// one installed for each event of a constant list (forEach, for-of); an
// uncaughtException listener, a logging method given as the listener
// (console.error) and winston's handlers (with exitOnError: false) log
// too; a handler installed under a condition covers nothing. A handler
// that exits on some errors and logs the others lets the process go on;
// of two processes that load the code, the one whose handler goes on is
// named; a process that loads modules by a computed path (a directory
// loader) covers the modules under its entry's directory that nothing
// imports by name; a handler that rethrows hands the rejection to the
// uncaughtException listener. Where rejections are logged, a loop that
// schedules its next run on a timer at its end, after an await that can
// reject, stops for good (poll, refresh; not sweep, whose re-arm is in
// finally, nor refreshSafely, which catches), reported once, where it
// re-arms (not where restart starts it again), and a shutdown listener
// that can reject leaves the process running unless it arms a forced
// exit first (halt, not stop).
// A page's unhandledrejection listener does the same for front-end code.
func TestRejectionHandlerMessage(t *testing.T) {
	for dir, want := range map[string]string{
		"testdata/messages/rejection-handler-loop":    "[16 74]",
		"testdata/messages/rejection-handler-loop-js": "[17]",
	} {
		var says []int
		for _, f := range findingsOf(t, withJobs(t, dir), "floating-promise") {
			if strings.Contains(f.Message, fmt.Sprintf("schedules its next run only at line %d, which a rejection skips, so the loop stops for good", f.Line)) {
				says = append(says, f.Line)
			}
		}
		if fmt.Sprint(says) != want {
			t.Errorf("%s: the loop's stop is said on lines %v, want %s", dir, says, want)
		}
	}
	for _, tc := range []struct {
		dir   string
		lines []int
		msg   string
	}{
		{"testdata/messages/rejection-handler", []int{26, 28}, "process-wide unhandledRejection handler (main.ts:3)"},
		{"testdata/messages/rejection-handler-console", []int{26, 28}, "process-wide unhandledRejection handler (main.ts:3)"},
		{"testdata/messages/rejection-handler-exits", []int{26, 27, 28}, "terminates the process"},
		{"testdata/messages/rejection-handler-script", []int{26, 27, 28}, "Node 15+ terminates the process"},
		{"testdata/messages/rejection-handler-module", []int{26, 28}, "process-wide unhandledRejection handler (errors.ts:3)"},
		{"testdata/messages/rejection-handler-winston", []int{26, 28}, "reaches only winston's exception handler (logger.ts:9)"},
		{"testdata/messages/rejection-handler-winston-exits", []int{26, 27, 28}, "winston's exception handler (logger.ts:4) terminates the process"},
		{"testdata/messages/rejection-handler-uncaught", []int{26, 28}, "process-wide uncaughtException handler (main.ts:5)"},
		{"testdata/messages/rejection-handler-conditional", []int{26, 27, 28}, "Node 15+ terminates the process"},
		{"testdata/messages/page-rejection-handler", []int{22, 23}, "reaches only the page's unhandledrejection handler (errors.ts:5)"},
		{"testdata/messages/rejection-handler-temporary", []int{26, 27, 28}, "Node 15+ terminates the process"},
		{"testdata/messages/rejection-handler-loader", []int{26, 28}, "process-wide unhandledRejection handler (main.ts:4)"},
		{"testdata/messages/rejection-handler-loader-js", []int{26, 28}, "process-wide unhandledRejection handler (main.js:4)"},
		{"testdata/messages/rejection-handler-triage", []int{26, 28}, "process-wide unhandledRejection handler (main.ts:5)"},
		{"testdata/messages/rejection-handler-processes", []int{26, 28}, "process-wide unhandledRejection handler (worker.ts:5)"},
		{"testdata/messages/rejection-handler-rethrows", []int{26, 27, 28}, "unhandledRejection handler (main.ts:5) terminates the process"},
		{"testdata/messages/rejection-handler-foreach", []int{26, 28}, "process-wide unhandledRejection handler (main.ts:6)"},
		{"testdata/messages/rejection-handler-foreach-js", []int{26, 28}, "process-wide unhandledRejection handler (main.js:5)"},
		{"testdata/messages/rejection-handler-foreach-unknown", []int{26, 27, 28}, "Node 15+ terminates the process"},
		{"testdata/messages/rejection-handler-loop", []int{26, 28, 16, 48, 74}, "process-wide unhandledRejection handler (main.ts:3)"},
		{"testdata/messages/rejection-handler-loop-js", []int{26, 28, 17}, "process-wide unhandledRejection handler (main.js:3)"},
		{"testdata/messages/rejection-handler-electron", []int{26, 28}, "reaches only Electron's main process, which only warns of an unhandled rejection (main.ts:1)"},
		{"testdata/messages/rejection-handler-electron-types", []int{26, 27, 28}, "Node 15+ terminates the process"},
		{"testdata/messages/rejection-handler-module-types", []int{26, 27, 28}, "Node 15+ terminates the process"},
	} {
		var lines []int
		for _, f := range findingsOf(t, withJobs(t, tc.dir), "floating-promise") {
			lines = append(lines, f.Line)
			if !strings.Contains(f.Message, tc.msg) {
				t.Errorf("%s: message does not say %q: %s", tc.dir, tc.msg, f.Message)
			}
		}
		if fmt.Sprint(lines) != fmt.Sprint(tc.lines) {
			t.Errorf("%s: floating-promise on lines %v, want %v", tc.dir, lines, tc.lines)
		}
	}
}

// withJobs copies a rejection-handler case into a new directory, beside
// the jobs module every such case starts (testdata/messages/rejection-jobs.ts,
// as jobs.ts), and returns the directory. A case that brings its own
// modules only (page-rejection-handler) is returned as it is.
func withJobs(t *testing.T, dir string) string {
	t.Helper()
	if !strings.Contains(filepath.Base(dir), "rejection-handler") || strings.HasPrefix(filepath.Base(dir), "page-") {
		return dir
	}
	out := t.TempDir()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	copyFile := func(from, to string) {
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range entries {
		copyFile(filepath.Join(dir, e.Name()), filepath.Join(out, e.Name()))
	}
	copyFile("testdata/messages/rejection-jobs.ts", filepath.Join(out, "jobs.ts"))
	return out
}

// TestFindOrCreateSchema: the message of find-or-create-race says what
// the project's Prisma schema (found beside the package.json above the
// scanned folder) makes of the race: an error on a unique key, a
// duplicate where the model declares no key on the fields. The key is
// named as the create writes it: a field written through a spread of the
// input keeps its name (no finding: the key is unique and the duplicate
// check fails), a related record's id its own (tag beside tagId: tag.id).
func TestFindOrCreateSchema(t *testing.T) {
	want := map[string]string{
		"customers.ts:8":  "email is unique, so the second create fails with a unique-key error",
		"customers.ts:14": "the schema declares no unique key on (userId, path), so both rows are kept: a duplicate",
		"templates.js:21": "tagsToNote is looked up by (tagId, noteId) at line 19 and created here when missing: two concurrent requests can both miss and both create it; (tagId, noteId) is unique",
		"templates.ts:23": "tagsToNote is looked up by (tagId, noteId) at line 21 and created here when missing: two concurrent requests can both miss and both create it; (tagId, noteId) is unique",
	}
	checkFindOrCreateMessages(t, "testdata/messages/prisma-schema/src", want)
}

// checkFindOrCreateMessages checks that the find-or-create-race findings
// in dir are exactly those of want (file:line) and say what it holds.
func checkFindOrCreateMessages(t *testing.T, dir string, want map[string]string) {
	t.Helper()
	got := 0
	for _, f := range findingsOf(t, dir, "find-or-create-race") {
		got++
		at := fmt.Sprintf("%s:%d", filepath.Base(f.File), f.Line)
		if w, ok := want[at]; !ok || !strings.Contains(f.Message, w) {
			t.Errorf("%s: %s\nwant it to say %q", at, f.Message, w)
		}
	}
	if got != len(want) {
		t.Errorf("%d find-or-create-race findings, want %d", got, len(want))
	}
}

// TestFindOrCreateMigrationKeys: unique keys that migrations add count
// as the schema's: a TypeORM unique index created on an entity's table
// makes the lookup's fields a key of the entity (a unique-key error, where
// the entity alone declares none), and so does a knex column marked
// unique for the table's queries; a plain index (emoji) and a column no
// migration marks (nickname) do not.
func TestFindOrCreateMigrationKeys(t *testing.T) {
	want := map[string]string{
		"reactions.ts:10": "(message_id, reactor_id) is unique, so the second create fails with a unique-key error",
		"reactions.ts:16": "the schema declares no unique key on (message_id, emoji), so both rows are kept: a duplicate",
		"accounts.js:6":   "email is unique, so the second create fails with a unique-key error",
		"accounts.js:13":  "making a duplicate if nickname is not unique, or a unique-key error for one of them if it is",
	}
	checkFindOrCreateMessages(t, "testdata/messages/migration-keys/src", want)
}

// TestNextJSLogsRejections: code of a package that depends on Next.js runs
// under its server, which logs unhandled rejections and goes on, so only
// a promise that rejects on purpose is reported, and the message says so.
func TestNextJSLogsRejections(t *testing.T) {
	var lines []int
	for _, f := range findingsOf(t, "testdata/messages/nextjs", "floating-promise") {
		lines = append(lines, f.Line)
		if !strings.Contains(f.Message, "Next.js logs it and goes on") {
			t.Errorf("message does not name Next.js: %s", f.Message)
		}
	}
	if fmt.Sprint(lines) != "[16]" {
		t.Errorf("floating-promise on lines %v, want [16]", lines)
	}
}

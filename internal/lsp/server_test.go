package lsp

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// The workspace of the tests: a wallet whose balance is read and written
// through helpers of another module, so the race shows only when the
// project is analysed as a whole.
const (
	repoTS = `import { Pool } from "pg";

const pool = new Pool();

export async function balanceOf(userId: string): Promise<number> {
  const { rows } = await pool.query("SELECT balance FROM wallets WHERE user_id = $1", [userId]);
  return rows[0]?.balance ?? 0;
}

export async function recordBalance(userId: string, balance: number): Promise<void> {
  await pool.query("UPDATE wallets SET balance = $1 WHERE user_id = $2", [balance, userId]);
}
`
	racyWallet = `import { balanceOf, recordBalance } from "./repo";

export async function withdraw(userId: string, amount: number): Promise<number> {
  const balance = await balanceOf(userId);
  if (balance < amount) {
    throw new Error("insufficient funds");
  }
  await recordBalance(userId, balance - amount);
  return balance - amount;
}
`
	fixedWallet = `import { Pool } from "pg";

const pool = new Pool();

export async function withdraw(userId: string, amount: number): Promise<number> {
  const res = await pool.query(
    "UPDATE wallets SET balance = balance - $1 WHERE user_id = $2 AND balance >= $1 RETURNING balance",
    [amount, userId],
  );
  if (res.rowCount === 0) throw new Error("insufficient funds");
  return res.rows[0].balance;
}
`
)

const walletMessage = "wallets[userId] read at line 4 decides the write at line 8; another request can change it in between, so the write acts on a stale check\n" +
	"Fix: Fold the check into the write (UPDATE ... WHERE id = $1 AND <condition>) and check the affected row count, or read with SELECT ... FOR UPDATE inside a transaction on one client."

func workspace(t *testing.T, extra map[string]string) (dir, walletURI string) {
	t.Helper()
	dir = t.TempDir()
	files := map[string]string{"src/repo.ts": repoTS, "src/wallet.ts": racyWallet}
	for k, v := range extra {
		files[k] = v
	}
	writeFiles(t, dir, files)
	return dir, pathToURI(filepath.ToSlash(filepath.Join(dir, "src", "wallet.ts")))
}

func TestLifecycle(t *testing.T) {
	c := startServer(t)
	if m := c.call("textDocument/hover", map[string]any{}); string(m.Result) != "" || m.Error == nil || *m.Error != (rpcError{-32002, "the server is not initialized: send initialize first"}) {
		t.Errorf("hover before initialize: result %s error %+v", m.Result, m.Error)
	}
	m := c.call("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}})
	want := `{"capabilities":{"codeActionProvider":{"codeActionKinds":["quickfix"]},"hoverProvider":true,"positionEncoding":"utf-16",` +
		`"textDocumentSync":{"change":1,"openClose":true,"save":{"includeText":true}},` +
		`"workspace":{"workspaceFolders":{"changeNotifications":true,"supported":true}}},"serverInfo":{"name":"racecheck","version":"test"}}`
	if string(m.Result) != want {
		t.Errorf("initialize result\n%s\nwant\n%s", m.Result, want)
	}
	if m := c.call("initialize", map[string]any{}); m.Error == nil || m.Error.Code != -32600 {
		t.Errorf("second initialize: %+v", m.Error)
	}
	if m := c.call("workspace/symbol", map[string]any{}); m.Error == nil || *m.Error != (rpcError{-32601, "unknown method workspace/symbol"}) {
		t.Errorf("unknown method: %+v", m.Error)
	}
	if m := c.call("textDocument/hover", "not an object"); m.Error == nil || m.Error.Code != -32602 {
		t.Errorf("bad params: %+v", m.Error)
	}
	// A malformed message gets a parse error and the session goes on.
	c.in.Write([]byte("Content-Length: 5\r\n\r\n{oops"))
	if m := c.next(); string(m.ID) != "null" || m.Error == nil || m.Error.Code != -32700 {
		t.Errorf("malformed message: id %s error %+v", m.ID, m.Error)
	}
	if m := c.call("shutdown", nil); string(m.Result) != "null" || m.Error != nil {
		t.Errorf("shutdown: result %s error %+v", m.Result, m.Error)
	}
	if m := c.call("textDocument/hover", map[string]any{}); m.Error == nil || m.Error.Code != -32600 {
		t.Errorf("request after shutdown: %+v", m.Error)
	}
	c.notify("exit", nil)
	if err := <-c.served; err != nil {
		t.Errorf("Serve after shutdown and exit = %v, want nil", err)
	}
	c.served <- nil // for the cleanup
}

func TestExitWithoutShutdown(t *testing.T) {
	c := startServer(t)
	c.initialize(t.TempDir())
	c.notify("exit", nil)
	if err := <-c.served; err != ErrNoShutdown {
		t.Errorf("Serve = %v, want ErrNoShutdown", err)
	}
	c.served <- nil
}

// TestDiagnosticsFollowEdits opens the racy wallet, fixes it, makes it racy
// again, applies the quick fix, and closes it, checking every
// publication exactly.
func TestDiagnosticsFollowEdits(t *testing.T) {
	dir, uri := workspace(t, nil)
	c := startServer(t)
	c.initialize(dir)
	c.open(uri, racyWallet)
	got := c.diagnostics(uri)
	want := PublishDiagnosticsParams{URI: uri, Version: ptr(1), Diagnostics: []Diagnostic{{
		Range:           Range{Position{7, 8}, Position{7, 47}},
		Severity:        SeverityError,
		Code:            "check-then-act",
		CodeDescription: &CodeDescription{"https://github.com/racecheck/racecheck/blob/main/internal/rules/docs/check-then-act.md"},
		Source:          "racecheck",
		Message:         walletMessage,
		RelatedInformation: []RelatedInformation{
			{Location{uri, Range{Position{3, 24}, Position{3, 24}}}, "read here"},
			{Location{uri, Range{Position{4, 5}, Position{4, 5}}}, "checked here"},
		},
	}}}
	if mustJSON(t, got) != mustJSON(t, want) {
		t.Fatalf("on open:\n%s\nwant\n%s", mustJSON(t, got), mustJSON(t, want))
	}

	var hover Hover
	c.result("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": Position{7, 12}}, &hover)
	wantStart := "**racecheck** `check-then-act` (high): an awaited read of external state decides a write to the same record with no atomic write, row lock or lock around both\n\n" +
		"wallets[userId] read at line 4 decides the write at line 8"
	if hover.Contents.Kind != "markdown" || !strings.HasPrefix(hover.Contents.Value, wantStart) || hover.Range == nil || *hover.Range != (Range{Position{7, 8}, Position{7, 47}}) {
		t.Errorf("hover = %+v", hover)
	}
	if !strings.Contains(hover.Contents.Value, "\n\n[Documentation](https://github.com/racecheck/racecheck/blob/main/internal/rules/docs/check-then-act.md)\n\n**Severity:** high\n\n## What it finds\n") {
		t.Errorf("hover lacks the documentation: %q", hover.Contents.Value)
	}
	if m := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": Position{2, 0}}); string(m.Result) != "null" {
		t.Errorf("hover off the finding = %s, want null", m.Result)
	}

	c.change(uri, 2, fixedWallet)
	if got := c.diagnostics(uri); mustJSON(t, got) != mustJSON(t, PublishDiagnosticsParams{URI: uri, Version: ptr(2), Diagnostics: []Diagnostic{}}) {
		t.Errorf("after the fix: %s", mustJSON(t, got))
	}

	c.change(uri, 3, racyWallet)
	diags := c.diagnostics(uri).Diagnostics
	if len(diags) != 1 {
		t.Fatalf("racy again: %s", mustJSON(t, diags))
	}
	var actions []CodeAction
	c.result("textDocument/codeAction", map[string]any{
		"textDocument": map[string]any{"uri": uri},
		"range":        diags[0].Range,
		"context":      map[string]any{"diagnostics": diags},
	}, &actions)
	wantEdit := TextEdit{Range{Position{7, 0}, Position{7, 0}}, "  // racecheck-ignore-next-line check-then-act -- reason: TODO explain why this is safe\n"}
	if len(actions) != 1 || actions[0].Kind != "quickfix" || actions[0].Title != "Suppress check-then-act here with a racecheck-ignore-next-line comment" ||
		len(actions[0].Edit.Changes[uri]) != 1 || actions[0].Edit.Changes[uri][0] != wantEdit || len(actions[0].Diagnostics) != 1 || actions[0].Diagnostics[0].Code != "check-then-act" {
		t.Fatalf("code actions = %s", mustJSON(t, actions))
	}
	lines := strings.SplitAfter(racyWallet, "\n")
	suppressed := strings.Join(lines[:7], "") + wantEdit.NewText + strings.Join(lines[7:], "")
	c.change(uri, 4, suppressed)
	if got := c.diagnostics(uri); len(got.Diagnostics) != 0 || *got.Version != 4 {
		t.Errorf("after the quick fix: %s", mustJSON(t, got))
	}

	c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	if got := c.diagnostics(uri); mustJSON(t, got) != `{"uri":"`+uri+`","diagnostics":[]}` {
		t.Errorf("on close: %s", mustJSON(t, got))
	}
}

func ptr(n int) *int { return &n }

// TestWatchedFileChange: a change on disk to another module of the project
// changes the open document's diagnostics once the client reports it.
func TestWatchedFileChange(t *testing.T) {
	dir, uri := workspace(t, nil)
	c := startServer(t)
	c.initialize(dir)
	c.open(uri, racyWallet)
	if got := c.diagnostics(uri); len(got.Diagnostics) != 1 {
		t.Fatalf("on open: %s", mustJSON(t, got))
	}
	// balanceOf no longer reads the database: nothing is checked any more.
	writeFiles(t, dir, map[string]string{"src/repo.ts": strings.Replace(repoTS,
		`const { rows } = await pool.query("SELECT balance FROM wallets WHERE user_id = $1", [userId]);
  return rows[0]?.balance ?? 0;`, "return userId.length;", 1)})
	repoURI := pathToURI(filepath.ToSlash(filepath.Join(dir, "src", "repo.ts")))
	c.notify("workspace/didChangeWatchedFiles", map[string]any{"changes": []map[string]any{{"uri": repoURI, "type": 2}}})
	if got := c.diagnostics(uri); len(got.Diagnostics) != 0 {
		t.Errorf("after repo.ts changed: %s", mustJSON(t, got))
	}
}

// TestConfiguration: racecheck.json sets severities and turns rules off, as
// for racecheck scan; a broken file is shown and ignored.
func TestConfiguration(t *testing.T) {
	for _, tt := range []struct {
		name, config string
		want         []int // severities
		shown        string
	}{
		{"medium", `{"rules": {"check-then-act": "medium"}}`, []int{SeverityWarning}, ""},
		{"low", `{"rules": {"check-then-act": {"severity": "low"}}}`, []int{SeverityInformation}, ""},
		{"off", `{"rules": {"check-then-act": "off"}}`, nil, ""},
		{"ignored", `{"ignore": ["src/wallet.ts"]}`, nil, ""},
		{"broken", `{"rules": {"chek-then-act": "off"}}`, []int{SeverityError},
			`racecheck: racecheck.json:1:12: unknown rule "chek-then-act"; did you mean "check-then-act"?; the analysis goes on without the configuration until it is fixed`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir, uri := workspace(t, map[string]string{"racecheck.json": tt.config, ".git/HEAD": "ref: refs/heads/main\n"})
			c := startServer(t)
			c.initialize(dir)
			c.open(uri, racyWallet)
			got := c.diagnostics(uri)
			var sev []int
			for _, d := range got.Diagnostics {
				sev = append(sev, d.Severity)
			}
			if mustJSON(t, sev) != mustJSON(t, tt.want) {
				t.Errorf("severities %v, want %v", sev, tt.want)
			}
			if tt.shown != "" {
				var p struct {
					Type    int    `json:"type"`
					Message string `json:"message"`
				}
				json.Unmarshal(c.wait("window/showMessage").Params, &p)
				shown := strings.Replace(p.Message, filepath.ToSlash(dir)+"/", "", 1)
				if p.Type != 1 || shown != tt.shown {
					t.Errorf("shown %d %q\nwant %q", p.Type, shown, tt.shown)
				}
			}
		})
	}
}

// TestUnsavedDocument: a document that is not on disk is analysed alone.
func TestUnsavedDocument(t *testing.T) {
	c := startServer(t)
	c.initialize(t.TempDir())
	const uri = "untitled:Untitled-1"
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "javascript", "version": 1,
		"text": "export async function notify(users, mailer) {\n  users.forEach(async (u) => { await mailer.send(u); });\n}\n"}})
	got := c.diagnostics(uri)
	if len(got.Diagnostics) != 1 || got.Diagnostics[0].Code != "async-iteration-callback" || got.Diagnostics[0].Range.Start != (Position{1, 2}) {
		t.Errorf("untitled: %s", mustJSON(t, got))
	}
}

// TestSave: a save analyses at once, with the saved text when the client
// sends it.
func TestSave(t *testing.T) {
	dir, uri := workspace(t, nil)
	c := startServer(t)
	c.initialize(dir)
	c.open(uri, fixedWallet)
	if got := c.diagnostics(uri); len(got.Diagnostics) != 0 {
		t.Fatalf("on open: %s", mustJSON(t, got))
	}
	c.notify("textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}, "text": racyWallet})
	got := c.diagnostics(uri)
	if len(got.Diagnostics) != 1 || got.Diagnostics[0].Code != "check-then-act" || *got.Version != 1 {
		t.Errorf("after save: %s", mustJSON(t, got))
	}
}

// TestWorkspaceFolders: a folder added later is a project of its own; a
// file outside every folder is analysed with its directory only.
func TestWorkspaceFolders(t *testing.T) {
	dir := t.TempDir()
	nested := strings.Replace(racyWallet, `"./repo"`, `"../repo"`, 1)
	writeFiles(t, dir, map[string]string{"src/repo.ts": repoTS, "src/api/wallet.ts": nested})
	uri := pathToURI(filepath.ToSlash(filepath.Join(dir, "src", "api", "wallet.ts")))

	alone := startServer(t)
	alone.initialize(t.TempDir())
	alone.open(uri, nested)
	if got := alone.diagnostics(uri); len(got.Diagnostics) != 0 {
		t.Errorf("outside the folders: %s", mustJSON(t, got))
	}

	c := startServer(t)
	c.initialize(t.TempDir())
	c.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{
		"added": []map[string]any{{"uri": pathToURI(filepath.ToSlash(dir)), "name": "b"}}, "removed": []any{}}})
	c.open(uri, nested)
	got := c.diagnostics(uri)
	if len(got.Diagnostics) != 1 || !strings.HasPrefix(got.Diagnostics[0].Message, "wallets[userId] read at line 4") {
		t.Errorf("in the added folder: %s", mustJSON(t, got))
	}
}

// TestRuleOptions: the editor runs each rule with the options of the
// configuration nearest to the document, as racecheck scan does.
func TestRuleOptions(t *testing.T) {
	const profile = "export async function f(api: any, id: string) {\n  const a = await api.obtainUser(id);\n  const b = await api.obtainOrders(id);\n  return [a, b];\n}\n"
	for _, tt := range []struct {
		name, config string
		want         int
	}{
		{"default verbs", `{}`, 0},
		{"readVerbs", `{"rules": {"sequential-awaits": {"options": {"readVerbs": ["obtain"]}}}}`, 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir, _ := workspace(t, map[string]string{"racecheck.json": tt.config, ".git/HEAD": "ref: refs/heads/main\n", "src/profile.ts": profile})
			uri := pathToURI(filepath.ToSlash(filepath.Join(dir, "src", "profile.ts")))
			c := startServer(t)
			c.initialize(dir)
			c.open(uri, profile)
			if got := c.diagnostics(uri).Diagnostics; len(got) != tt.want {
				t.Errorf("%d diagnostics, want %d: %s", len(got), tt.want, mustJSON(t, got))
			}
		})
	}
}

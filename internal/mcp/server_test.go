package mcp

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
)

// session sends the lines to a server and returns its answers, one per line.
func session(t *testing.T, s *Server, lines ...string) []map[string]any {
	t.Helper()
	var out bytes.Buffer
	if err := s.Serve(strings.NewReader(strings.Join(lines, "\n")+"\n"), &out); err != nil {
		t.Fatalf("Serve: %v", err)
	}
	var answers []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("answer %q is not JSON: %v", l, err)
		}
		answers = append(answers, m)
	}
	return answers
}

var testRules = []*analysis.Rule{
	{ID: "check-then-act", Title: "Check then act", Severity: analysis.High, Doc: "# check-then-act\n\nA read decides a write.\n"},
	{ID: "floating-promise", Title: "Floating promise", Severity: analysis.Medium, Doc: "# floating-promise\n"},
}

func TestProtocol(t *testing.T) {
	s := &Server{Version: "1.2.3", Rules: testRules}
	got := session(t, s,
		`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-03-26","capabilities":{},"clientInfo":{"name":"t","version":"0"}}}`,
		`{"jsonrpc":"2.0","method":"notifications/initialized"}`,
		`{"jsonrpc":"2.0","id":"two","method":"ping"}`,
		`not json`,
		`{"jsonrpc":"2.0","id":3,"method":"resources/list"}`,
		`{"jsonrpc":"2.0","id":4,"method":"initialize","params":{"protocolVersion":"1999-01-01"}}`,
		`{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"nope","arguments":{}}}`,
	)
	if len(got) != 6 { // the notification gets no answer
		t.Fatalf("got %d answers, want 6: %v", len(got), got)
	}
	init := got[0]["result"].(map[string]any)
	if init["protocolVersion"] != "2025-03-26" {
		t.Errorf("protocolVersion = %v, want the client's 2025-03-26", init["protocolVersion"])
	}
	if info := init["serverInfo"].(map[string]any); info["name"] != "racecheck" || info["version"] != "1.2.3" {
		t.Errorf("serverInfo = %v", info)
	}
	if got[1]["id"] != "two" || !reflect.DeepEqual(got[1]["result"], map[string]any{}) {
		t.Errorf("ping answer = %v", got[1])
	}
	if e := got[2]["error"].(map[string]any); e["code"] != float64(-32700) || got[2]["id"] != nil {
		t.Errorf("malformed line answer = %v, want a parse error with id null", got[2])
	}
	if e := got[3]["error"].(map[string]any); e["code"] != float64(-32601) {
		t.Errorf("unknown method answer = %v, want -32601", got[3])
	}
	if v := got[4]["result"].(map[string]any)["protocolVersion"]; v != protocolVersion {
		t.Errorf("unknown revision answered with %v, want %s", v, protocolVersion)
	}
	if e := got[5]["error"].(map[string]any); e["code"] != float64(-32602) || e["message"] != "unknown tool nope" {
		t.Errorf("unknown tool answer = %v", got[5])
	}
}

func TestToolsListAndRules(t *testing.T) {
	s := &Server{Rules: testRules}
	got := session(t, s,
		`{"jsonrpc":"2.0","id":1,"method":"tools/list"}`,
		`{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"rules"}}`,
		`{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"explain","arguments":{"rule":"check-then-act"}}}`,
		`{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"explain","arguments":{"rule":"nope"}}}`,
	)
	var names []string
	for _, tool := range got[0]["result"].(map[string]any)["tools"].([]any) {
		tm := tool.(map[string]any)
		names = append(names, tm["name"].(string))
		if tm["inputSchema"].(map[string]any)["type"] != "object" {
			t.Errorf("tool %v: inputSchema is not an object schema", tm["name"])
		}
	}
	if !reflect.DeepEqual(names, []string{"scan", "explain", "rules"}) {
		t.Errorf("tools = %v", names)
	}
	rules := text(t, got[1])
	want := `[
  {
    "id": "check-then-act",
    "severity": "high",
    "title": "Check then act"
  },
  {
    "id": "floating-promise",
    "severity": "medium",
    "title": "Floating promise"
  }
]`
	if rules != want {
		t.Errorf("rules =\n%s\nwant\n%s", rules, want)
	}
	if doc := text(t, got[2]); doc != "# check-then-act\n\nA read decides a write." {
		t.Errorf("explain = %q", doc)
	}
	if isError(got[2]) {
		t.Error("explain of a known rule is an error")
	}
	if !isError(got[3]) || text(t, got[3]) != `unknown rule "nope"; the rules tool lists them` {
		t.Errorf("explain of an unknown rule = %v", got[3])
	}
}

func TestScanTool(t *testing.T) {
	type call struct {
		args  []string
		stdin string
	}
	var calls []call
	s := &Server{Rules: testRules, Scan: func(args []string, stdin []byte) ([]byte, string, int) {
		calls = append(calls, call{args, string(stdin)})
		if args[0] == "--stdin-filename" && args[1] == "bad.txt" {
			return nil, "ERROR  nothing analysed\n", 2
		}
		return []byte(`{"version":1,"findings":[{"rule":"check-then-act","line":3}]}`), "", 1
	}}
	dir := t.TempDir()
	file := filepath.Join(dir, "a.ts")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	req := func(id int, args string) string {
		return `{"jsonrpc":"2.0","id":` + string(rune('0'+id)) + `,"method":"tools/call","params":{"name":"scan","arguments":` + args + `}}`
	}
	got := session(t, s,
		req(1, `{"source":"let x = 1","filename":"src/a.ts"}`),
		req(2, `{"source":"let x = 1"}`),
		req(3, `{"paths":["`+file+`"]}`),
		req(4, `{"paths":["`+filepath.Join(dir, "missing")+`"]}`),
		req(5, `{"paths":["--config=x"]}`),
		req(6, `{}`),
		req(7, `{"source":"x","filename":"bad.txt"}`),
		req(8, `{"paths":"not a list"}`),
	)
	wantCalls := []call{
		{[]string{"--stdin-filename", "src/a.ts"}, "let x = 1"},
		{[]string{"--stdin-filename", "snippet.ts"}, "let x = 1"},
		{[]string{file}, ""},
		{[]string{"--stdin-filename", "bad.txt"}, "x"},
	}
	if !reflect.DeepEqual(calls, wantCalls) {
		t.Errorf("scan calls = %q\nwant %q", calls, wantCalls)
	}
	for i := 0; i < 3; i++ {
		if isError(got[i]) {
			t.Errorf("answer %d is an error: %v", i+1, got[i])
		}
		sc := got[i]["result"].(map[string]any)["structuredContent"].(map[string]any)
		f := sc["findings"].([]any)[0].(map[string]any)
		if f["rule"] != "check-then-act" || f["line"] != float64(3) {
			t.Errorf("answer %d: structured findings = %v", i+1, sc)
		}
	}
	wantErrors := map[int]string{
		3: filepath.Join(dir, "missing") + ": no such file or directory",
		4: "--config=x: not a path",
		5: "give paths to scan, or source text (with a filename)",
		6: "ERROR  nothing analysed",
	}
	for i, want := range wantErrors {
		if !isError(got[i]) || text(t, got[i]) != want {
			t.Errorf("answer %d = %v, want the error %q", i+1, got[i], want)
		}
	}
	if !isError(got[7]) || !strings.HasPrefix(text(t, got[7]), "invalid arguments: ") {
		t.Errorf("answer 8 = %v, want invalid arguments", got[7])
	}
}

func text(t *testing.T, answer map[string]any) string {
	t.Helper()
	res, ok := answer["result"].(map[string]any)
	if !ok {
		t.Fatalf("no result in %v", answer)
	}
	return res["content"].([]any)[0].(map[string]any)["text"].(string)
}

func isError(answer map[string]any) bool {
	res, _ := answer["result"].(map[string]any)
	return res["isError"] == true
}

func FuzzServe(f *testing.F) {
	f.Add([]byte(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"explain","arguments":{"rule":1}}}`))
	f.Add([]byte(`{"jsonrpc":"2.0","id":[],"method":"initialize","params":null}`))
	f.Add([]byte("{\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"scan\",\"arguments\":{\"source\":\"\"}}}\n\x00"))
	s := &Server{Rules: testRules, Scan: func([]string, []byte) ([]byte, string, int) { return []byte(`{}`), "", 0 }}
	f.Fuzz(func(t *testing.T, in []byte) {
		var out bytes.Buffer
		s.Serve(bytes.NewReader(in), &out)
		for _, l := range bytes.Split(bytes.TrimSpace(out.Bytes()), []byte("\n")) {
			if len(l) > 0 && !json.Valid(l) {
				t.Fatalf("answer %q is not JSON", l)
			}
		}
	})
}

// Package mcp serves racecheck to coding agents over the Model Context
// Protocol: JSON-RPC 2.0 messages, one per line, on standard input and
// output. It offers three tools: scan (files, or source text), explain and
// rules.
package mcp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
)

// protocolVersion is the MCP revision the server speaks when the client
// asks for one it does not know.
const protocolVersion = "2025-06-18"

// known are the protocol revisions the server accepts as asked.
var known = map[string]bool{"2024-11-05": true, "2025-03-26": true, "2025-06-18": true}

// Server answers MCP requests.
type Server struct {
	// Version is racecheck's version, for serverInfo.
	Version string
	// Rules are the rules explain and rules know.
	Rules []*analysis.Rule
	// Scan runs `racecheck scan --format json` with args, and stdin as its
	// standard input; it returns the report, the error output and the
	// exit status. Scans through MCP thus honour the project's
	// configuration and suppression comments exactly as the CLI does.
	Scan func(args []string, stdin []byte) (report []byte, errText string, code int)
}

type request struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method"`
	Params  json.RawMessage `json:"params,omitempty"`
}

type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// Serve reads requests from in until it ends and writes responses to out.
// A malformed line gets a parse error and does not end the session.
func (s *Server) Serve(in io.Reader, out io.Writer) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), 16<<20)
	w := bufio.NewWriter(out)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if resp := s.handle(line); resp != nil {
			data, err := json.Marshal(resp)
			if err != nil {
				return err
			}
			w.Write(data)
			w.WriteByte('\n')
			if err := w.Flush(); err != nil {
				return err
			}
		}
	}
	return sc.Err()
}

// handle answers one message; notifications get no answer.
func (s *Server) handle(line []byte) *response {
	var req request
	if err := json.Unmarshal(line, &req); err != nil || req.Method == "" {
		return &response{JSONRPC: "2.0", ID: json.RawMessage("null"), Error: &rpcError{-32700, "not a JSON-RPC request"}}
	}
	if len(req.ID) == 0 {
		return nil // a notification (notifications/initialized, ...)
	}
	result, rerr := s.call(req.Method, req.Params)
	resp := &response{JSONRPC: "2.0", ID: req.ID}
	if rerr != nil {
		resp.Error = rerr
	} else {
		resp.Result = result
	}
	return resp
}

func (s *Server) call(method string, params json.RawMessage) (any, *rpcError) {
	switch method {
	case "initialize":
		var p struct {
			ProtocolVersion string `json:"protocolVersion"`
		}
		json.Unmarshal(params, &p)
		v := protocolVersion
		if known[p.ProtocolVersion] {
			v = p.ProtocolVersion
		}
		return map[string]any{
			"protocolVersion": v,
			"capabilities":    map[string]any{"tools": map[string]any{}},
			"serverInfo":      map[string]any{"name": "racecheck", "version": s.Version},
			"instructions":    "racecheck finds concurrency bugs in Node.js and TypeScript back ends. Call scan with the files you changed, or with source text and a file name, before you finish; explain RULE says what a finding means and how to fix it.",
		}, nil
	case "ping":
		return map[string]any{}, nil
	case "tools/list":
		return map[string]any{"tools": tools()}, nil
	case "tools/call":
		var p struct {
			Name      string          `json:"name"`
			Arguments json.RawMessage `json:"arguments"`
		}
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, &rpcError{-32602, "invalid params: " + err.Error()}
		}
		return s.tool(p.Name, p.Arguments)
	}
	return nil, &rpcError{-32601, "unknown method " + method}
}

// tools describes the three tools.
func tools() []map[string]any {
	return []map[string]any{
		{
			"name":        "scan",
			"description": "Find concurrency bugs (check-then-act races, floating promises, lost updates, lock misuse, ...) in JavaScript or TypeScript. Give paths (files or directories) to scan them as a project, or source text with a file name to scan that text alone. Returns the findings as JSON: rule, severity, file, line, message, fix, related locations.",
			"inputSchema": map[string]any{
				"type": "object",
				"properties": map[string]any{
					"paths":    map[string]any{"type": "array", "items": map[string]any{"type": "string"}, "description": "files or directories to scan"},
					"source":   map[string]any{"type": "string", "description": "source text to scan instead of paths"},
					"filename": map[string]any{"type": "string", "description": "the name of the source text; its extension picks the language (default snippet.ts)"},
				},
			},
		},
		{
			"name":        "explain",
			"description": "The documentation of one racecheck rule: what it finds, why it is a bug, how to fix it, what it does not flag.",
			"inputSchema": map[string]any{
				"type":       "object",
				"properties": map[string]any{"rule": map[string]any{"type": "string", "description": "a rule id, such as check-then-act"}},
				"required":   []string{"rule"},
			},
		},
		{
			"name":        "rules",
			"description": "The list of racecheck's rules with their severities and titles, as JSON.",
			"inputSchema": map[string]any{"type": "object", "properties": map[string]any{}},
		},
	}
}

// tool runs one tool. A problem with the arguments is a tool result with
// isError set, as MCP asks, so that the agent sees it.
func (s *Server) tool(name string, args json.RawMessage) (any, *rpcError) {
	switch name {
	case "scan":
		var a struct {
			Paths    []string `json:"paths"`
			Source   *string  `json:"source"`
			Filename string   `json:"filename"`
		}
		if len(args) > 0 {
			if err := json.Unmarshal(args, &a); err != nil {
				return toolError("invalid arguments: " + err.Error()), nil
			}
		}
		return s.scan(a.Paths, a.Source, a.Filename), nil
	case "explain":
		var a struct {
			Rule string `json:"rule"`
		}
		json.Unmarshal(args, &a)
		for _, r := range s.Rules {
			if r.ID == a.Rule {
				return toolText(strings.TrimSpace(r.Doc)), nil
			}
		}
		return toolError(fmt.Sprintf("unknown rule %q; the rules tool lists them", a.Rule)), nil
	case "rules":
		type ruleOut struct {
			ID       string `json:"id"`
			Severity string `json:"severity"`
			Title    string `json:"title"`
		}
		var out []ruleOut
		for _, r := range s.Rules {
			out = append(out, ruleOut{r.ID, r.Severity.String(), r.Title})
		}
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		data, _ := json.MarshalIndent(out, "", "  ")
		return toolText(string(data)), nil
	}
	return nil, &rpcError{-32602, "unknown tool " + name}
}

// scan runs racecheck scan through s.Scan: on paths, or on source text
// under a file name. The result is scan's JSON report, as text and as
// structured content.
func (s *Server) scan(paths []string, source *string, filename string) map[string]any {
	if s.Scan == nil {
		return toolError("scanning is not available in this server")
	}
	var args []string
	var stdin []byte
	switch {
	case source != nil:
		if filename == "" {
			filename = "snippet.ts"
		}
		args, stdin = []string{"--stdin-filename", filepath.ToSlash(filename)}, []byte(*source)
	case len(paths) > 0:
		for _, p := range paths {
			if strings.HasPrefix(p, "-") {
				return toolError(fmt.Sprintf("%s: not a path", p))
			}
			if _, err := os.Stat(p); err != nil {
				return toolError(fmt.Sprintf("%s: no such file or directory", p))
			}
		}
		args = paths
	default:
		return toolError("give paths to scan, or source text (with a filename)")
	}
	report, errText, code := s.Scan(args, stdin)
	var out map[string]any
	if code == ExitError || json.Unmarshal(report, &out) != nil {
		msg := strings.TrimSpace(errText)
		if msg == "" {
			msg = fmt.Sprintf("scan failed with exit status %d", code)
		}
		return toolError(msg)
	}
	r := toolText(string(report))
	r["structuredContent"] = out
	return r
}

// ExitError is the exit status of a scan that could not run (a usage or
// configuration error, or nothing to analyse).
const ExitError = 2

func toolText(text string) map[string]any {
	return map[string]any{"content": []map[string]any{{"type": "text", "text": text}}}
}

func toolError(text string) map[string]any {
	r := toolText(text)
	r["isError"] = true
	return r
}

// Package lsp serves racecheck to editors over the Language Server
// Protocol: JSON-RPC 2.0 messages framed by Content-Length headers on
// standard input and output.
//
// The server analyses the open JavaScript and TypeScript documents
// together with the rest of their project (the workspace folder that holds
// them), using the editor's unsaved text for open documents, and publishes
// the findings as diagnostics on open, on change (debounced) and on save.
// It offers a quick fix that silences a finding with a suppression comment
// and a hover with the rule's documentation. Parsed files are cached by
// content, so a re-analysis parses only what changed.
package lsp

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/racecheck/racecheck/internal/engine"
)

// DefaultDebounce is how long the server waits after an edit before it
// analyses again.
const DefaultDebounce = 200 * time.Millisecond

// ErrNoShutdown is returned by Serve when the session ended (exit, or the
// end of the input) without a shutdown request first.
var ErrNoShutdown = errors.New("lsp: the session ended without a shutdown request")

// Server is a racecheck language server. The zero value is not usable:
// set the fields, then call Serve once.
type Server struct {
	// Version is racecheck's version, for serverInfo.
	Version string
	// Debounce is the wait after an edit before analysing; 0 means
	// DefaultDebounce.
	Debounce time.Duration
	// Jobs is the number of files analysed in parallel; 0 means one per
	// core.
	Jobs int

	out  *writer
	wake chan struct{} // a pending analysis
	done chan struct{} // closed when the session ends

	mu          sync.Mutex
	initialized bool
	shutdown    bool
	watch       bool     // the client registers file watchers on request
	roots       []string // workspace folders: absolute, slash-separated
	docs        map[string]*document
	results     map[string]*docResult // by URI: what was last published
	caches      map[string]*engine.Cache
	timer       *time.Timer
	lastConfig  string // the last configuration problem shown
	requests    int    // ids of the server's own requests
}

// Serve runs a session: it reads messages from in until an exit
// notification or the end of in, and writes to out. It returns nil after a
// clean shutdown, ErrNoShutdown when the session ended without one, and an
// error when the input cannot be read as LSP messages or out cannot be
// written.
func (s *Server) Serve(in io.Reader, out io.Writer) error {
	s.out = &writer{w: out}
	s.wake = make(chan struct{}, 1)
	s.done = make(chan struct{})
	s.docs = map[string]*document{}
	s.results = map[string]*docResult{}
	s.caches = map[string]*engine.Cache{}
	if s.Debounce <= 0 {
		s.Debounce = DefaultDebounce
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.analyzer()
	}()
	defer func() {
		s.mu.Lock()
		if s.timer != nil {
			s.timer.Stop()
		}
		s.mu.Unlock()
		close(s.done)
		wg.Wait()
	}()

	r := newReader(in)
	for {
		body, err := r.readBody()
		switch {
		case err == io.EOF:
			return ErrNoShutdown
		case errors.Is(err, errTooLarge):
			s.logf(msgError, "a message larger than %d MiB was skipped", MaxMessage>>20)
			continue
		case err != nil:
			return err
		}
		m, rerr := decode(body)
		if rerr != nil {
			if err := s.out.write(errorResponse{"2.0", json.RawMessage("null"), rerr}); err != nil {
				return err
			}
			continue
		}
		if m.Method == "exit" {
			s.mu.Lock()
			clean := s.shutdown
			s.mu.Unlock()
			if !clean {
				return ErrNoShutdown
			}
			return nil
		}
		if err := s.handle(m); err != nil {
			return err
		}
	}
}

// handle answers a request or acts on a notification; responses to the
// server's own requests are ignored. The error is a failed write.
func (s *Server) handle(m *message) error {
	if m.Method == "" {
		return nil // a response from the client
	}
	s.mu.Lock()
	initialized, shutdown := s.initialized, s.shutdown
	s.mu.Unlock()
	if !m.isRequest() {
		if initialized && !shutdown {
			s.notify(m.Method, m.Params)
		}
		return nil
	}
	var result any
	var rerr *rpcError
	switch {
	case m.Method == "initialize" && initialized:
		rerr = &rpcError{codeInvalidRequest, "initialize was already called"}
	case m.Method == "initialize":
		result, rerr = s.initialize(m.Params)
	case !initialized:
		rerr = &rpcError{codeNotInitialized, "the server is not initialized: send initialize first"}
	case shutdown:
		rerr = &rpcError{codeInvalidRequest, "the server is shutting down: only exit is accepted"}
	default:
		result, rerr = s.request(m.Method, m.Params)
	}
	if rerr != nil {
		return s.out.write(errorResponse{"2.0", m.ID, rerr})
	}
	return s.out.write(response{JSONRPC: "2.0", ID: m.ID, Result: result})
}

// request answers the requests of an initialized session.
func (s *Server) request(method string, params json.RawMessage) (any, *rpcError) {
	switch method {
	case "shutdown":
		s.mu.Lock()
		s.shutdown = true
		s.mu.Unlock()
		return nil, nil
	case "textDocument/hover":
		var p textDocumentPositionParams
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, invalidParams(err)
		}
		if h := s.hover(p.TextDocument.URI, p.Position); h != nil {
			return h, nil
		}
		return nil, nil
	case "textDocument/codeAction":
		var p codeActionParams
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, invalidParams(err)
		}
		return s.codeActions(p), nil
	}
	return nil, &rpcError{codeMethodNotFound, "unknown method " + method}
}

func invalidParams(err error) *rpcError {
	return &rpcError{codeInvalidParams, "invalid params: " + err.Error()}
}

// initialize records the workspace and answers with the capabilities.
func (s *Server) initialize(params json.RawMessage) (any, *rpcError) {
	var p initializeParams
	if len(params) > 0 {
		if err := json.Unmarshal(params, &p); err != nil {
			return nil, invalidParams(err)
		}
	}
	var roots []string
	for _, f := range p.WorkspaceFolders {
		if dir := uriToPath(f.URI); dir != "" {
			roots = append(roots, dir)
		}
	}
	if len(roots) == 0 && p.RootURI != nil {
		if dir := uriToPath(*p.RootURI); dir != "" {
			roots = append(roots, dir)
		}
	}
	if len(roots) == 0 && p.RootPath != nil && *p.RootPath != "" {
		roots = append(roots, uriToPath(pathToURI(strings.ReplaceAll(*p.RootPath, `\`, "/"))))
	}
	s.mu.Lock()
	s.initialized = true
	s.roots = roots
	s.watch = p.Capabilities.Workspace.DidChangeWatchedFiles.DynamicRegistration
	s.mu.Unlock()
	return map[string]any{
		"capabilities": map[string]any{
			"positionEncoding": "utf-16",
			"textDocumentSync": map[string]any{
				"openClose": true,
				"change":    1, // full text
				"save":      map[string]any{"includeText": true},
			},
			"hoverProvider":      true,
			"codeActionProvider": map[string]any{"codeActionKinds": []string{"quickfix"}},
			"workspace": map[string]any{
				"workspaceFolders": map[string]any{"supported": true, "changeNotifications": true},
			},
		},
		"serverInfo": map[string]any{"name": "racecheck", "version": s.Version},
	}, nil
}

// notify acts on the notifications of an initialized session. Malformed
// params are logged and ignored: a notification has no response to carry
// an error.
func (s *Server) notify(method string, params json.RawMessage) {
	bad := func(err error) { s.logf(msgError, "%s: invalid params: %v", method, err) }
	switch method {
	case "initialized":
		s.registerWatchers()
	case "textDocument/didOpen":
		var p didOpenParams
		if err := json.Unmarshal(params, &p); err != nil {
			bad(err)
			return
		}
		d := p.TextDocument
		s.mu.Lock()
		s.docs[d.URI] = &document{uri: d.URI, lang: d.LanguageID, version: d.Version, text: d.Text, abs: uriToPath(d.URI)}
		s.mu.Unlock()
		s.schedule(0)
	case "textDocument/didChange":
		var p didChangeParams
		if err := json.Unmarshal(params, &p); err != nil {
			bad(err)
			return
		}
		s.mu.Lock()
		d := s.docs[p.TextDocument.URI]
		if d != nil {
			for _, c := range p.ContentChanges {
				d.text = applyChange(d.text, c)
			}
			d.version = p.TextDocument.Version
		}
		s.mu.Unlock()
		if d != nil {
			s.schedule(s.Debounce)
		}
	case "textDocument/didSave":
		var p didSaveParams
		if err := json.Unmarshal(params, &p); err != nil {
			bad(err)
			return
		}
		s.mu.Lock()
		d := s.docs[p.TextDocument.URI]
		if d != nil && p.Text != nil && *p.Text != d.text {
			d.text = *p.Text
		}
		s.mu.Unlock()
		s.schedule(0)
	case "textDocument/didClose":
		var p didCloseParams
		if err := json.Unmarshal(params, &p); err != nil {
			bad(err)
			return
		}
		s.mu.Lock()
		_, open := s.docs[p.TextDocument.URI]
		delete(s.docs, p.TextDocument.URI)
		delete(s.results, p.TextDocument.URI)
		if open {
			s.publish(p.TextDocument.URI, nil, []Diagnostic{})
		}
		s.mu.Unlock()
	case "workspace/didChangeWatchedFiles":
		var p didChangeWatchedFilesParams
		if err := json.Unmarshal(params, &p); err != nil {
			bad(err)
			return
		}
		s.mu.Lock()
		open := len(s.docs) > 0
		s.mu.Unlock()
		if open && len(p.Changes) > 0 {
			s.schedule(s.Debounce)
		}
	case "workspace/didChangeWorkspaceFolders":
		var p didChangeWorkspaceFoldersParams
		if err := json.Unmarshal(params, &p); err != nil {
			bad(err)
			return
		}
		s.mu.Lock()
		removed := map[string]bool{}
		for _, f := range p.Event.Removed {
			removed[uriToPath(f.URI)] = true
			delete(s.caches, uriToPath(f.URI))
		}
		roots := s.roots[:0:0]
		for _, r := range s.roots {
			if !removed[r] {
				roots = append(roots, r)
			}
		}
		for _, f := range p.Event.Added {
			if dir := uriToPath(f.URI); dir != "" {
				roots = append(roots, dir)
			}
		}
		sort.Strings(roots)
		s.roots = roots
		s.mu.Unlock()
		s.schedule(0)
	}
}

// registerWatchers asks the client to report changes to the files that
// the analysis reads, when it can register watchers.
func (s *Server) registerWatchers() {
	s.mu.Lock()
	if !s.watch {
		s.mu.Unlock()
		return
	}
	s.requests++
	id := s.requests
	s.mu.Unlock()
	var watchers []map[string]any
	for _, g := range WatchedGlobs {
		watchers = append(watchers, map[string]any{"globPattern": g})
	}
	s.out.write(notification{JSONRPC: "2.0", ID: &id, Method: "client/registerCapability", Params: map[string]any{
		"registrations": []map[string]any{{
			"id":              "racecheck-watched-files",
			"method":          "workspace/didChangeWatchedFiles",
			"registerOptions": map[string]any{"watchers": watchers},
		}},
	}})
}

// WatchedGlobs are the files whose changes can change findings: sources,
// configuration, package manifests, tsconfig files and Prisma schemas.
var WatchedGlobs = []string{
	"**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}",
	"**/{racecheck.json,.racecheckrc.json,package.json,pnpm-workspace.yaml,.gitignore}",
	"**/{tsconfig,jsconfig}*.json",
	"**/*.prisma",
}

// Message types of window/logMessage and window/showMessage.
const (
	msgError   = 1
	msgWarning = 2
	msgLog     = 4
)

// logf sends a line to the client's log.
func (s *Server) logf(kind int, format string, args ...any) {
	s.out.write(notification{JSONRPC: "2.0", Method: "window/logMessage", Params: map[string]any{"type": kind, "message": fmt.Sprintf(format, args...)}})
}

// showf shows a message to the user.
func (s *Server) showf(kind int, format string, args ...any) {
	s.out.write(notification{JSONRPC: "2.0", Method: "window/showMessage", Params: map[string]any{"type": kind, "message": fmt.Sprintf(format, args...)}})
}

// publish sends a document's diagnostics; the caller holds s.mu.
func (s *Server) publish(uri string, version *int, diags []Diagnostic) {
	s.out.write(notification{JSONRPC: "2.0", Method: "textDocument/publishDiagnostics", Params: PublishDiagnosticsParams{URI: uri, Version: version, Diagnostics: diags}})
}

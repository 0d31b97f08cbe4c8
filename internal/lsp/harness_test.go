package lsp

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	_ "github.com/racecheck/racecheck/internal/rules" // every rule registers itself
)

// client drives a Server in memory, as an editor would.
type client struct {
	t      *testing.T
	in     *io.PipeWriter // to the server
	w      *writer
	msgs   chan *message // from the server
	served chan error
	nextID int
	queue  []*message // notifications and requests not consumed yet
}

// startServer runs a server with a short debounce and returns its client.
func startServer(t *testing.T) *client {
	t.Helper()
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	c := &client{t: t, in: inW, w: &writer{w: inW}, msgs: make(chan *message, 100), served: make(chan error, 1)}
	s := &Server{Version: "test", Debounce: 20 * time.Millisecond, Jobs: 2}
	go func() {
		c.served <- s.Serve(inR, outW)
		outW.Close()
	}()
	go func() {
		r := newReader(outR)
		for {
			body, err := r.readBody()
			if err != nil {
				close(c.msgs)
				return
			}
			var m message
			if err := json.Unmarshal(body, &m); err != nil {
				panic(fmt.Sprintf("server wrote %q: %v", body, err))
			}
			c.msgs <- &m
		}
	}()
	t.Cleanup(func() {
		inW.Close()
		select {
		case <-c.served:
		case <-time.After(10 * time.Second):
			t.Error("the server did not stop")
		}
	})
	return c
}

// send writes a raw message.
func (c *client) send(v any) {
	c.t.Helper()
	if err := c.w.write(v); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// next returns the next message from the server.
func (c *client) next() *message {
	c.t.Helper()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			c.t.Fatal("the server closed its output")
		}
		return m
	case <-time.After(20 * time.Second):
		c.t.Fatal("no message from the server in 20s")
	}
	return nil
}

// call sends a request and returns its response; messages that arrive
// before it are queued.
func (c *client) call(method string, params any) *message {
	c.t.Helper()
	c.nextID++
	id := c.nextID
	c.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	for {
		m := c.next()
		if m.Method == "" && string(m.ID) == fmt.Sprint(id) {
			return m
		}
		c.queue = append(c.queue, m)
	}
}

// result calls and decodes the result into v; the response must not be an
// error.
func (c *client) result(method string, params, v any) {
	c.t.Helper()
	m := c.call(method, params)
	if m.Error != nil {
		c.t.Fatalf("%s: %v", method, m.Error)
	}
	if err := json.Unmarshal(m.Result, v); err != nil {
		c.t.Fatalf("%s result %s: %v", method, m.Result, err)
	}
}

// wait returns the first notification with the method not consumed yet;
// the others stay queued.
func (c *client) wait(method string) *message {
	c.t.Helper()
	for i, m := range c.queue {
		if m.Method == method {
			c.queue = append(c.queue[:i:i], c.queue[i+1:]...)
			return m
		}
	}
	for {
		m := c.next()
		if m.Method == method {
			return m
		}
		c.queue = append(c.queue, m)
	}
}

// diagnostics waits for the next diagnostics of uri.
func (c *client) diagnostics(uri string) PublishDiagnosticsParams {
	c.t.Helper()
	for {
		var p PublishDiagnosticsParams
		m := c.wait("textDocument/publishDiagnostics")
		if err := json.Unmarshal(m.Params, &p); err != nil {
			c.t.Fatal(err)
		}
		if p.URI == uri {
			return p
		}
	}
}

// initialize starts a session on the workspace folder dir.
func (c *client) initialize(dir string) {
	c.t.Helper()
	var res map[string]any
	c.result("initialize", map[string]any{"processId": nil, "rootUri": pathToURI(filepath.ToSlash(dir)), "capabilities": map[string]any{}}, &res)
	c.notify("initialized", map[string]any{})
}

func (c *client) open(uri, text string) {
	c.notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "typescript", "version": 1, "text": text}})
}

func (c *client) change(uri string, version int, text string) {
	c.notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": version}, "contentChanges": []map[string]any{{"text": text}}})
}

// writeFiles writes files (name to content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

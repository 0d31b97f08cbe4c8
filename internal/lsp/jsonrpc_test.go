package lsp

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// readAll reads bodies until an error and returns them with that error.
func readAll(input string) ([]string, error) {
	r := newReader(strings.NewReader(input))
	var bodies []string
	for {
		body, err := r.readBody()
		if errors.Is(err, errTooLarge) {
			bodies = append(bodies, "<skipped>")
			continue
		}
		if err != nil {
			return bodies, err
		}
		bodies = append(bodies, string(body))
	}
}

func TestReaderFraming(t *testing.T) {
	tests := []struct {
		name, input string
		bodies      []string
		err         string
	}{
		{"two messages", "Content-Length: 2\r\n\r\n{}Content-Length: 4\r\n\r\nnull", []string{"{}", "null"}, "EOF"},
		{"content type and case", "content-length:  3\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n[1]", []string{"[1]"}, "EOF"},
		{"bare line feeds", "Content-Length: 2\n\n{}", []string{"{}"}, "EOF"},
		{"blank lines between", "\r\n\r\nContent-Length: 2\r\n\r\n{}", []string{"{}"}, "EOF"},
		{"empty body", "Content-Length: 0\r\n\r\n", []string{""}, "EOF"},
		{"multi-byte body", "Content-Length: 4\r\n\r\n\"é\"", []string{`"é"`}, "EOF"},
		{"no length", "Content-Type: x\r\n\r\n{}", nil, "lsp: malformed message header: no Content-Length"},
		{"bad length", "Content-Length: two\r\n\r\n{}", nil, `lsp: malformed message header: bad Content-Length "two"`},
		{"negative length", "Content-Length: -1\r\n\r\n", nil, `lsp: malformed message header: bad Content-Length "-1"`},
		{"no colon", "hello\r\n\r\n", nil, `lsp: malformed message header: "hello"`},
		{"short body", "Content-Length: 10\r\n\r\n{}", nil, "unexpected EOF"},
		{"cut in headers", "Content-Length: 10\r\n", nil, "unexpected EOF"},
		{"cut in a header line", "Content-Len", nil, "unexpected EOF"},
		{"long header line", strings.Repeat("x", 5000) + "\r\n\r\n", nil, "lsp: malformed message header: header line longer than 4096 bytes"},
		{"too large is skipped", "Content-Length: 67108865\r\n\r\n" + strings.Repeat(" ", 67108865) + "Content-Length: 2\r\n\r\n{}", []string{"<skipped>", "{}"}, "EOF"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bodies, err := readAll(tt.input)
			if strings.Join(bodies, "|") != strings.Join(tt.bodies, "|") {
				t.Errorf("bodies = %q, want %q", bodies, tt.bodies)
			}
			if err == nil || err.Error() != tt.err {
				t.Errorf("error = %v, want %s", err, tt.err)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		body, method, id, err string
	}{
		{`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}`, "initialize", "1", ""},
		{`{"jsonrpc":"2.0","id":"a","method":"shutdown"}`, "shutdown", `"a"`, ""},
		{`{"jsonrpc":"2.0","method":"initialized","params":{}}`, "initialized", "", ""},
		{`{"jsonrpc":"2.0","id":7,"result":null}`, "", "7", ""},
		{`{"jsonrpc":"2.0","id":1,"method":"x"} {}`, "", "", "parse error: more than one JSON value in the message"},
		{`{"jsonrpc":"2.0",`, "", "", "parse error: unexpected EOF"},
		{`[1,2]`, "", "", "parse error: json: cannot unmarshal array into Go value of type lsp.message"},
		{`{"jsonrpc":"1.0","id":1,"method":"x"}`, "", "", `invalid request: "jsonrpc" must be "2.0"`},
		{`{"jsonrpc":"2.0","id":{},"method":"x"}`, "", "", "invalid request: id must be a number or a string"},
		{`{"jsonrpc":"2.0","id":null,"method":"x"}`, "", "", "invalid request: id must be a number or a string"},
		{`{"jsonrpc":"2.0"}`, "", "", "invalid request: no method"},
		{`{"jsonrpc":"2.0","method":5}`, "", "", "parse error: json: cannot unmarshal number into Go struct field message.method of type string"},
	}
	for _, tt := range tests {
		m, err := decode([]byte(tt.body))
		if tt.err != "" {
			if err == nil || err.Message != tt.err {
				t.Errorf("decode(%s) error = %v, want %q", tt.body, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("decode(%s): %v", tt.body, err)
			continue
		}
		if m.Method != tt.method || string(m.ID) != tt.id {
			t.Errorf("decode(%s) = method %q id %s, want %q %s", tt.body, m.Method, m.ID, tt.method, tt.id)
		}
	}
}

func TestWriter(t *testing.T) {
	var buf bytes.Buffer
	w := &writer{w: &buf}
	if err := w.write(response{JSONRPC: "2.0", ID: []byte("3"), Result: nil}); err != nil {
		t.Fatal(err)
	}
	if err := w.write(notification{JSONRPC: "2.0", Method: "m", Params: map[string]string{"é": "<"}}); err != nil {
		t.Fatal(err)
	}
	want := "Content-Length: 38\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":null}" +
		"Content-Length: 55\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"é\":\"\\u003c\"}}"
	if buf.String() != want {
		t.Errorf("wrote %q\nwant  %q", buf.String(), want)
	}
	// A failed write fails every later one.
	fw := &writer{w: failingWriter{}}
	if err := fw.write(1); err == nil || err.Error() != "closed" {
		t.Errorf("first write: %v", err)
	}
	if err := fw.write(2); err == nil || err.Error() != "closed" {
		t.Errorf("second write: %v", err)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("closed") }

// FuzzReader feeds arbitrary bytes to the reader and the decoder: they
// must never panic, never return a body larger than MaxMessage, and keep
// the framing of what follows a skipped or malformed message.
func FuzzReader(f *testing.F) {
	f.Add([]byte("Content-Length: 2\r\n\r\n{}"))
	f.Add([]byte("Content-Length: 52\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\"}\r\n"))
	f.Add([]byte("Content-Length: 30\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x\"}"))
	f.Add([]byte("content-length:0\n\n"))
	f.Add([]byte("Content-Length: 99999999999999999999\r\n\r\n"))
	f.Add([]byte("\r\n\r\n\r\nX: y\r\nContent-Length: 1\r\n\r\n["))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := newReader(bytes.NewReader(data))
		for i := 0; i < 1000; i++ {
			body, err := r.readBody()
			if errors.Is(err, errTooLarge) {
				continue
			}
			if err != nil {
				if err != io.EOF && err != io.ErrUnexpectedEOF && !errors.Is(err, errFraming) {
					t.Fatalf("unexpected error kind: %v", err)
				}
				return
			}
			if len(body) > MaxMessage {
				t.Fatalf("body of %d bytes", len(body))
			}
			m, rerr := decode(body)
			if (m == nil) == (rerr == nil) {
				t.Fatalf("decode returned message %v and error %v", m, rerr)
			}
		}
	})
}

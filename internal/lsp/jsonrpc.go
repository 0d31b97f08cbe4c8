package lsp

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
)

// MaxMessage is the largest message body the server reads. A larger one is
// skipped without being decoded.
const MaxMessage = 64 << 20

// maxHeader bounds one header line, so that a stream without line breaks
// cannot grow the buffer without limit.
const maxHeader = 4 << 10

// JSON-RPC 2.0 and LSP error codes.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
	codeNotInitialized = -32002
)

// message is any JSON-RPC 2.0 message: a request (ID and Method), a
// notification (Method only) or a response (ID, and Result or Error).
type message struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

// isRequest reports whether the message expects a response.
func (m *message) isRequest() bool { return m.Method != "" && len(m.ID) > 0 }

// rpcError is a JSON-RPC error object.
type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

func (e *rpcError) Error() string { return fmt.Sprintf("%s (%d)", e.Message, e.Code) }

// response is what the server writes in answer to a request. Result is
// always present, null on error or when the method returns nothing.
type response struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  any             `json:"result"`
	Error   *rpcError       `json:"error,omitempty"`
}

// errorResponse omits result, as JSON-RPC asks of an error response.
type errorResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   *rpcError       `json:"error"`
}

// notification is a message the server sends without expecting an answer;
// with an ID it is a request to the client.
type notification struct {
	JSONRPC string `json:"jsonrpc"`
	ID      *int   `json:"id,omitempty"`
	Method  string `json:"method"`
	Params  any    `json:"params"`
}

// errFraming is a stream whose headers cannot be read: the session cannot
// go on, since the start of the next message is unknown.
var errFraming = errors.New("lsp: malformed message header")

// errTooLarge is a message whose body was skipped for its size.
var errTooLarge = errors.New("lsp: message too large")

// reader reads messages framed by a Content-Length header.
type reader struct {
	r *bufio.Reader
}

func newReader(r io.Reader) *reader { return &reader{bufio.NewReaderSize(r, 64<<10)} }

// readBody returns the next message's body. io.EOF means the stream ended
// between messages; errTooLarge that a message was skipped and reading can
// go on; any other error that the stream is unusable.
func (r *reader) readBody() ([]byte, error) {
	length := -1
	lines := 0
	for {
		line, err := r.readLine()
		if err != nil {
			if err == io.EOF && lines == 0 {
				return nil, io.EOF
			}
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		if line == "" {
			if lines == 0 {
				continue // tolerate blank lines between messages
			}
			break
		}
		lines++
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%w: %q", errFraming, truncate(line, 80))
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 {
				return nil, fmt.Errorf("%w: bad Content-Length %q", errFraming, truncate(strings.TrimSpace(value), 40))
			}
			length = n
		}
	}
	if length < 0 {
		return nil, fmt.Errorf("%w: no Content-Length", errFraming)
	}
	if length > MaxMessage {
		if _, err := io.CopyN(io.Discard, r.r, int64(length)); err != nil {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, errTooLarge
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r.r, body); err != nil {
		return nil, io.ErrUnexpectedEOF
	}
	return body, nil
}

// readLine reads one header line without its CR LF (a bare LF is
// accepted). A stream that ends inside a line is cut short.
func (r *reader) readLine() (string, error) {
	var line []byte
	for {
		chunk, err := r.r.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxHeader {
			return "", fmt.Errorf("%w: header line longer than %d bytes", errFraming, maxHeader)
		}
		switch {
		case err == nil:
			line = bytes.TrimSuffix(line[:len(line)-1], []byte("\r"))
			return string(line), nil
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && len(line) > 0:
			return "", io.ErrUnexpectedEOF
		default:
			return "", err
		}
	}
}

// decode reads a body as a JSON-RPC message.
func decode(body []byte) (*message, *rpcError) {
	var m message
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&m); err != nil {
		return nil, &rpcError{codeParseError, "parse error: " + err.Error()}
	}
	if dec.More() {
		return nil, &rpcError{codeParseError, "parse error: more than one JSON value in the message"}
	}
	if m.JSONRPC != "2.0" {
		return nil, &rpcError{codeInvalidRequest, `invalid request: "jsonrpc" must be "2.0"`}
	}
	if len(m.ID) > 0 && !validID(m.ID) {
		return nil, &rpcError{codeInvalidRequest, "invalid request: id must be a number or a string"}
	}
	if m.Method == "" && len(m.ID) == 0 {
		return nil, &rpcError{codeInvalidRequest, "invalid request: no method"}
	}
	return &m, nil
}

// validID accepts the ids JSON-RPC allows: numbers and strings (null is
// read as no id).
func validID(id json.RawMessage) bool {
	switch id[0] {
	case '"':
		return true
	case 'n':
		return false
	}
	var n json.Number
	return json.Unmarshal(id, &n) == nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}

// writer writes framed messages; it is safe for concurrent use.
type writer struct {
	mu  sync.Mutex
	w   io.Writer
	err error
}

// write sends one message. After a failed write, every later write fails
// with the same error.
func (w *writer) write(v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "Content-Length: %d\r\n\r\n", len(body))
	buf.Write(body)
	_, w.err = w.w.Write(buf.Bytes())
	return w.err
}

package probe

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Header is one request header; order and repetition are kept.
type Header struct {
	Name, Value string
}

// RequestSpec is a request whose URL, headers and body may contain
// {{variables}}.
type RequestSpec struct {
	Method string
	URL    string
	Header []Header
	Body   string
}

// Request is a rendered request, ready to be sent.
type Request struct {
	Method string
	URL    *url.URL
	Header []Header
	Body   []byte
}

// Response is what came back for one request of a burst. Status 0 means
// no response was received; Err says why.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
	Err    string
	Proto  string // protocol of a setup, check or replay response
}

const maxBodyKeep = 8 << 20 // response bytes kept per request

// render substitutes variables and parses the URL.
func (s RequestSpec) render(vars map[string]string) (*Request, error) {
	method := strings.ToUpper(strings.TrimSpace(s.Method))
	if method == "" {
		method = "GET"
	}
	if !isToken(method) {
		return nil, fmt.Errorf("bad method %q", s.Method)
	}
	raw, err := expand(s.URL, vars)
	if err != nil {
		return nil, fmt.Errorf("url: %v", err)
	}
	u, err := parseTargetURL(raw)
	if err != nil {
		return nil, err
	}
	r := &Request{Method: method, URL: u}
	for _, h := range s.Header {
		v, err := expand(h.Value, vars)
		if err != nil {
			return nil, fmt.Errorf("header %s: %v", h.Name, err)
		}
		if !isToken(h.Name) {
			return nil, fmt.Errorf("bad header name %q", h.Name)
		}
		if strings.ContainsAny(v, "\r\n\x00") {
			return nil, fmt.Errorf("header %s: value contains a line break", h.Name)
		}
		r.Header = append(r.Header, Header{h.Name, v})
	}
	body, err := expand(s.Body, vars)
	if err != nil {
		return nil, fmt.Errorf("body: %v", err)
	}
	r.Body = []byte(body)
	return r, nil
}

// parseTargetURL accepts absolute http and https URLs.
func parseTargetURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, fmt.Errorf("bad URL %q: %v", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("bad URL %q: want http:// or https://", raw)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("bad URL %q: no host", raw)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n <= 0 || n > 65535 {
			return nil, fmt.Errorf("bad URL %q: bad port", raw)
		}
	}
	return u, nil
}

// isToken reports whether s is a valid HTTP token (method or header name).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"(),/:;<=>?@[\]{}`, c) >= 0 {
			return false
		}
	}
	return true
}

func (r *Request) hasHeader(name string) bool {
	for _, h := range r.Header {
		if strings.EqualFold(h.Name, name) {
			return true
		}
	}
	return false
}

func (r *Request) host() string {
	for _, h := range r.Header {
		if strings.EqualFold(h.Name, "Host") {
			return h.Value
		}
	}
	return r.URL.Host
}

// needsLength reports whether a Content-Length header should be sent.
func (r *Request) needsLength() bool {
	if r.hasHeader("Content-Length") || r.hasHeader("Transfer-Encoding") {
		return false
	}
	switch r.Method {
	case "POST", "PUT", "PATCH":
		return true
	}
	return len(r.Body) > 0
}

const userAgent = "racecheck-probe"

// wireHTTP1 serializes the request as HTTP/1.1.
func (r *Request) wireHTTP1() []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\n", r.Method, r.URL.RequestURI(), r.host())
	for _, h := range r.Header {
		if strings.EqualFold(h.Name, "Host") {
			continue
		}
		fmt.Fprintf(&b, "%s: %s\r\n", h.Name, h.Value)
	}
	if !r.hasHeader("User-Agent") {
		b.WriteString("User-Agent: " + userAgent + "\r\n")
	}
	if r.needsLength() {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(r.Body))
	}
	b.WriteString("\r\n")
	b.Write(r.Body)
	return b.Bytes()
}

// statusesOf lists the status of every response (0 for no response).
func statusesOf(rs []Response) []int {
	out := make([]int, len(rs))
	for i, r := range rs {
		out[i] = r.Status
	}
	return out
}

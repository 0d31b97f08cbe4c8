package probe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// valuePath selects a value from a JSON response:
//
//	.                 the whole document
//	.balance          a field ("balance" without the dot works too)
//	.items[0].id      array index and nested field
//	.["odd key"]      a field whose name is not a plain word
//	len(.items)       length of an array, object or string
//	status            the HTTP status code of the response
type valuePath struct {
	text   string
	status bool
	length bool
	segs   []pathSeg
}

type pathSeg struct {
	key     string
	index   int
	isIndex bool
}

func (p *valuePath) String() string { return p.text }

// isKeyByte reports bytes allowed in an unquoted field name.
func isKeyByte(c byte) bool {
	return c == '_' || c == '-' || c == '$' || c == '@' ||
		('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9') || c >= 0x80
}

// parsePath parses a complete path.
func parsePath(s string) (*valuePath, error) {
	p, rest, err := parsePathPrefix(strings.TrimSpace(s))
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(rest) != "" {
		return nil, fmt.Errorf("unexpected %q after path %q", rest, p.text)
	}
	return p, nil
}

// parsePathPrefix parses a path at the start of s and returns what follows.
func parsePathPrefix(s string) (*valuePath, string, error) {
	orig := s
	if strings.HasPrefix(s, "status") && (len(s) == 6 || !isKeyByte(s[6]) && s[6] != '.' && s[6] != '[') {
		return &valuePath{text: "status", status: true}, s[6:], nil
	}
	if strings.HasPrefix(s, "len(") {
		inner, rest, err := parseSegments(s[4:])
		if err != nil {
			return nil, "", err
		}
		if !strings.HasPrefix(rest, ")") {
			return nil, "", fmt.Errorf("path %q: missing ) after len(", orig)
		}
		rest = rest[1:]
		return &valuePath{text: orig[:len(orig)-len(rest)], length: true, segs: inner}, rest, nil
	}
	segs, rest, err := parseSegments(s)
	if err != nil {
		return nil, "", err
	}
	return &valuePath{text: orig[:len(orig)-len(rest)], segs: segs}, rest, nil
}

func parseSegments(s string) ([]pathSeg, string, error) {
	orig := s
	bad := func(format string, args ...any) ([]pathSeg, string, error) {
		return nil, "", fmt.Errorf("path %q: "+format, append([]any{clip(orig, 30)}, args...)...)
	}
	segs := []pathSeg{}
	if strings.HasPrefix(s, "$") {
		s = s[1:]
		if s == "" || (s[0] != '.' && s[0] != '[') {
			return segs, s, nil // "$" alone: the whole document
		}
	}
	switch {
	case s == "":
		return bad("expected a path like .field or .items[0].id")
	case isKeyByte(s[0]):
		// a bare first field name: balance.total
		i := 0
		for i < len(s) && isKeyByte(s[i]) {
			i++
		}
		segs = append(segs, pathSeg{key: s[:i]})
		s = s[i:]
	case s[0] == '.' && (len(s) == 1 || (!isKeyByte(s[1]) && s[1] != '[')):
		return segs, s[1:], nil // "." alone: the whole document
	case s[0] != '.' && s[0] != '[':
		return bad("expected a path like .field or .items[0].id")
	}
	for s != "" {
		switch {
		case s[0] == '.' && len(s) > 1 && isKeyByte(s[1]):
			i := 1
			for i < len(s) && isKeyByte(s[i]) {
				i++
			}
			segs = append(segs, pathSeg{key: s[1:i]})
			s = s[i:]
		case s[0] == '.' && len(s) > 1 && s[1] == '[':
			s = s[1:]
		case s[0] == '.':
			return bad("expected a field name after '.'")
		case s[0] == '[':
			end := strings.IndexByte(s, ']')
			if end < 0 {
				return bad("missing ]")
			}
			inner := s[1:end]
			if len(inner) >= 2 && (inner[0] == '"' || inner[0] == '\'') && inner[len(inner)-1] == inner[0] {
				key := inner[1 : len(inner)-1]
				if inner[0] == '"' {
					u, err := strconv.Unquote(inner)
					if err != nil {
						return bad("bad quoted key %s", inner)
					}
					key = u
				}
				segs = append(segs, pathSeg{key: key})
			} else {
				n, err := strconv.Atoi(inner)
				if err != nil || n < 0 || inner[0] == '+' {
					return bad("bad index [%s]", inner)
				}
				segs = append(segs, pathSeg{index: n, isIndex: true})
			}
			s = s[end+1:]
		default:
			return segs, s, nil
		}
	}
	return segs, s, nil
}

// eval applies the path to a response.
func (p *valuePath) eval(status int, body []byte) (value, error) {
	if p.status {
		return value{kind: kindNumber, num: float64(status)}, nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return value{}, fmt.Errorf("response is not JSON: %s", clip(string(body), 60))
	}
	cur := doc
	for _, seg := range p.segs {
		if seg.isIndex {
			arr, ok := cur.([]any)
			if !ok {
				return value{}, fmt.Errorf("%s: [%d] applied to a non-array", p.text, seg.index)
			}
			if seg.index >= len(arr) {
				return value{}, fmt.Errorf("%s: index %d out of range (length %d)", p.text, seg.index, len(arr))
			}
			cur = arr[seg.index]
			continue
		}
		obj, ok := cur.(map[string]any)
		if !ok {
			return value{}, fmt.Errorf("%s: field %q looked up in a non-object", p.text, seg.key)
		}
		v, ok := obj[seg.key]
		if !ok {
			return value{}, fmt.Errorf("%s: no field %q in response", p.text, seg.key)
		}
		cur = v
	}
	if p.length {
		switch t := cur.(type) {
		case []any:
			return value{kind: kindNumber, num: float64(len(t))}, nil
		case map[string]any:
			return value{kind: kindNumber, num: float64(len(t))}, nil
		case string:
			return value{kind: kindNumber, num: float64(utf8.RuneCountInString(t))}, nil
		}
		return value{}, fmt.Errorf("%s: length of a value that is not an array, object or string", p.text)
	}
	return jsonToValue(cur), nil
}

// capture renders the selected value for use as a variable: strings as is,
// numbers in their JSON spelling, other values as JSON.
func (p *valuePath) capture(status int, body []byte) (string, error) {
	if p.status {
		return strconv.Itoa(status), nil
	}
	v, err := p.eval(status, body)
	if err != nil {
		return "", err
	}
	switch v.kind {
	case kindString:
		return v.str, nil
	case kindNumber:
		return strconv.FormatFloat(v.num, 'f', -1, 64), nil
	}
	return strings.Trim(v.String(), `"`), nil
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

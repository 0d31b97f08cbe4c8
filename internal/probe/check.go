package probe

import (
	"fmt"
	"strings"
)

// Check is a request sent after each burst whose response must satisfy a
// comparison. The compact form is
//
//	[METHOD] URL PATH OP VALUE
//
// for example "GET http://127.0.0.1:3000/accounts/1 .balance >= 0" or
// "http://127.0.0.1:3000/orders len(.items) == {{successes}}". METHOD
// defaults to GET. PATH is described at valuePath. VALUE is a number, a
// quoted or bare string, true, false or null, and may use variables:
// {{successes}} (2xx responses in the burst), {{n}}, {{trial}} and, in
// scenarios, captured values. Sums such as {{successes}}+1 are evaluated.
type Check struct {
	Text   string
	Method string
	URL    string // may contain {{variables}}
	Path   *valuePath
	Op     cmpOp
	Want   operand
}

// checkVarsKnown are the variables a check may use outside scenarios.
func checkVarsKnown(extra map[string]bool) map[string]bool {
	known := builtinVars()
	known[varSuccesses] = true
	delete(known, varIndex)
	for k := range extra {
		known[k] = true
	}
	return known
}

// nextToken returns the first whitespace-separated token of s, keeping
// quoted and bracketed parts together, and the rest of s.
func nextToken(s string) (string, string) {
	s = strings.TrimLeft(s, " \t")
	var quote byte
	depth := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '(':
			depth++
		case c == ']' || c == ')':
			depth--
		case (c == ' ' || c == '\t') && depth <= 0:
			return s[:i], s[i:]
		}
	}
	return s, ""
}

// isMethod reports whether tok looks like an HTTP method name.
func isMethod(tok string) bool {
	if tok == "" || len(tok) > 16 {
		return false
	}
	for i := 0; i < len(tok); i++ {
		if tok[i] < 'A' || tok[i] > 'Z' {
			return false
		}
	}
	return true
}

// parseCheckTarget parses "[METHOD] URL" and returns what follows.
func parseCheckTarget(s string) (method, url, rest string, err error) {
	tok, rest := nextToken(s)
	method = "GET"
	if isMethod(tok) {
		method = tok
		tok, rest = nextToken(rest)
	}
	if tok == "" {
		return "", "", "", fmt.Errorf("check %q: missing URL", s)
	}
	if strings.ContainsAny(tok, "\"'") {
		return "", "", "", fmt.Errorf("check %q: URL must not be quoted", s)
	}
	return method, tok, strings.TrimSpace(rest), nil
}

// ParseCheck parses the compact single-string form of a check. known lists
// the variables that may be used besides the built-in ones.
func ParseCheck(text string, known map[string]bool) (*Check, error) {
	method, url, rest, err := parseCheckTarget(strings.TrimSpace(text))
	if err != nil {
		return nil, err
	}
	if rest == "" {
		return nil, fmt.Errorf("check %q: missing comparison; write 'GET URL .path OP VALUE' or add --path and --cmp", text)
	}
	c := &Check{Text: text, Method: method, URL: url}
	if err := c.setTarget(known); err != nil {
		return nil, err
	}
	path, after, err := parsePathPrefix(rest)
	if err != nil {
		return nil, fmt.Errorf("check %q: %v", text, err)
	}
	c.Path = path
	if err := c.setComparison(after, known); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Check) setTarget(known map[string]bool) error {
	if err := checkVars(c.URL, checkVarsKnown(known)); err != nil {
		return fmt.Errorf("check %q: %v", c.Text, err)
	}
	return nil
}

// setComparison parses "OP VALUE".
func (c *Check) setComparison(s string, known map[string]bool) error {
	op, rest, err := splitOp(s)
	if err != nil {
		return fmt.Errorf("check %q: %v", c.Text, err)
	}
	want, err := parseOperand(rest, checkVarsKnown(known))
	if err != nil {
		return fmt.Errorf("check %q: %v", c.Text, err)
	}
	c.Op, c.Want = op, want
	return nil
}

// newCheckParts builds a check from separate target, path and comparison
// strings, as given by --check URL --path P --cmp 'OP VALUE' or in a
// scenario file.
func newCheckParts(target, path, cmp string, known map[string]bool) (*Check, error) {
	method, url, rest, err := parseCheckTarget(strings.TrimSpace(target))
	if err != nil {
		return nil, err
	}
	if rest != "" {
		return nil, fmt.Errorf("check %q: unexpected %q after URL when --path/--cmp are used", target, rest)
	}
	c := &Check{Method: method, URL: url}
	c.Text = strings.TrimSpace(method + " " + url + " " + path + " " + cmp)
	if err := c.setTarget(known); err != nil {
		return nil, err
	}
	p, err := parsePath(path)
	if err != nil {
		return nil, fmt.Errorf("check %q: %v", c.Text, err)
	}
	c.Path = p
	if err := c.setComparison(cmp, known); err != nil {
		return nil, err
	}
	return c, nil
}

// Eval applies the comparison to a check response. It returns an error,
// rather than a verdict, when the response cannot be evaluated: the path
// is not in it, it is not JSON, or the value cannot be compared.
func (c *Check) Eval(status int, body []byte, vars map[string]string) (bool, string, error) {
	want, err := c.Want.resolve(vars)
	if err != nil {
		return false, "", err
	}
	got, err := c.Path.eval(status, body)
	if err != nil {
		return false, "", err
	}
	ok, err := compareValues(got, c.Op, want)
	if err != nil {
		return false, "", err
	}
	return ok, fmt.Sprintf("got %s, want %s %s", got, c.Op, want), nil
}

// textFor renders the check with the URL that was requested.
func (c *Check) textFor(url string) string {
	return c.Method + " " + url + " " + c.Path.text + " " + string(c.Op) + " " + c.Want.raw
}

package probe

import (
	"fmt"
	"strconv"
	"strings"
)

// Expectation is one --expect rule about the status codes of a burst:
//
//	status SELECTOR OP COUNT
//
// SELECTOR is a class (2xx), an exact code (201), "err" (requests that got
// no response), or a comma-separated list of those (200,201). The word
// "status" may be left out. COUNT is an integer or an expression using
// {{n}}, the number of requests in the burst ({{n}}-1).
type Expectation struct {
	Text  string
	sels  []statusSel
	op    cmpOp
	count operand
}

type statusSel struct {
	class int // 1..5 for "Nxx"
	code  int // exact code
	err   bool
}

func (s statusSel) matches(status int) bool {
	switch {
	case s.err:
		return status == 0
	case s.class != 0:
		return status/100 == s.class
	}
	return status == s.code
}

// defaultExpectation applies when no --expect is given: no server errors.
const defaultExpectation = "status 5xx == 0"

// ParseExpectation parses one status expectation.
func ParseExpectation(text string) (*Expectation, error) {
	s := strings.TrimSpace(text)
	if s == "" {
		return nil, fmt.Errorf("empty expectation")
	}
	if rest, ok := cutWord(s, "status"); ok {
		s = rest
	}
	i := strings.IndexAny(s, " \t=!<>")
	if i <= 0 {
		return nil, fmt.Errorf("expectation %q: want 'status SELECTOR OP COUNT', e.g. 'status 2xx == 1'", text)
	}
	selText := s[:i]
	e := &Expectation{Text: text}
	for _, part := range strings.Split(selText, ",") {
		sel, err := parseStatusSel(part)
		if err != nil {
			return nil, fmt.Errorf("expectation %q: %v", text, err)
		}
		e.sels = append(e.sels, sel)
	}
	op, rest, err := splitOp(s[i:])
	if err != nil {
		return nil, fmt.Errorf("expectation %q: %v", text, err)
	}
	e.op = op
	cnt, err := parseOperand(rest, map[string]bool{varN: true})
	if err != nil {
		return nil, fmt.Errorf("expectation %q: %v", text, err)
	}
	if v, err := cnt.resolve(map[string]string{varN: "1"}); err != nil || v.kind != kindNumber {
		return nil, fmt.Errorf("expectation %q: count %q is not a number or {{n}} expression", text, rest)
	}
	e.count = cnt
	return e, nil
}

// cutWord removes a leading word (case-insensitive) followed by a space.
func cutWord(s, word string) (string, bool) {
	if len(s) > len(word) && strings.EqualFold(s[:len(word)], word) && (s[len(word)] == ' ' || s[len(word)] == '\t') {
		return strings.TrimSpace(s[len(word):]), true
	}
	return s, false
}

func parseStatusSel(s string) (statusSel, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "err" || s == "error" || s == "errors":
		return statusSel{err: true}, nil
	case len(s) == 3 && s[1:] == "xx" && s[0] >= '1' && s[0] <= '5':
		return statusSel{class: int(s[0] - '0')}, nil
	case len(s) == 3:
		if c, err := strconv.Atoi(s); err == nil && c >= 100 && c <= 599 {
			return statusSel{code: c}, nil
		}
	}
	return statusSel{}, fmt.Errorf("bad status selector %q (want a class like 2xx, a code like 201, or err)", s)
}

// count returns how many statuses (0 meaning no response) match.
func (e *Expectation) matching(statuses []int) int {
	n := 0
	for _, st := range statuses {
		for _, sel := range e.sels {
			if sel.matches(st) {
				n++
				break
			}
		}
	}
	return n
}

// Eval checks the expectation against the statuses of one burst.
func (e *Expectation) Eval(statuses []int) (bool, string) {
	v, err := e.count.resolve(map[string]string{varN: strconv.Itoa(len(statuses))})
	if err != nil || v.kind != kindNumber {
		return false, fmt.Sprintf("bad count %q", e.count.raw)
	}
	got := e.matching(statuses)
	ok := e.op.holds(compareFloat(float64(got), v.num))
	return ok, fmt.Sprintf("got %d", got)
}

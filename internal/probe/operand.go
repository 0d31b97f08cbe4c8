package probe

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// cmpOp is a comparison operator.
type cmpOp string

const (
	opEq cmpOp = "=="
	opNe cmpOp = "!="
	opLt cmpOp = "<"
	opLe cmpOp = "<="
	opGt cmpOp = ">"
	opGe cmpOp = ">="
)

// parseOp accepts the six comparison operators; "=" is taken as "==".
func parseOp(s string) (cmpOp, error) {
	switch s {
	case "==", "=":
		return opEq, nil
	case "!=", "<", "<=", ">", ">=":
		return cmpOp(s), nil
	}
	return "", fmt.Errorf("unknown operator %q (want one of == != < <= > >=)", s)
}

// splitOp splits "OP REST" where OP is a leading operator, with or without
// a space after it ("<=5" and "<= 5" both work).
func splitOp(s string) (cmpOp, string, error) {
	s = strings.TrimSpace(s)
	for _, cand := range []string{"==", "!=", "<=", ">=", "<", ">", "="} {
		if strings.HasPrefix(s, cand) {
			op, _ := parseOp(cand)
			rest := strings.TrimSpace(s[len(cand):])
			if rest != "" && strings.IndexByte("=<>!", rest[0]) >= 0 {
				bad := cand + rest[:1]
				if len(rest) > 1 && strings.IndexByte("=<>", rest[1]) >= 0 {
					bad += rest[1:2]
				}
				return "", "", fmt.Errorf("malformed operator %q (want one of == != < <= > >=; quote a value that starts with %q)", bad, rest[:1])
			}
			return op, rest, nil
		}
	}
	word := s
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		word = s[:i]
	}
	return "", "", fmt.Errorf("expected a comparison operator (== != < <= > >=), got %q", word)
}

func (o cmpOp) holds(c int) bool {
	switch o {
	case opEq:
		return c == 0
	case opNe:
		return c != 0
	case opLt:
		return c < 0
	case opLe:
		return c <= 0
	case opGt:
		return c > 0
	case opGe:
		return c >= 0
	}
	return false
}

func (o cmpOp) equality() bool { return o == opEq || o == opNe }

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// operand is the right-hand side of a comparison. It is kept as text and
// resolved after variables are substituted, so that {{successes}} and
// captured values can be used. After substitution it is one of: a quoted
// string ("a b" or 'a b'), true, false, null, a number, an arithmetic
// expression such as ({{successes}}-1)*2 (see evalArith), or else a bare
// string. Text made of digits and arithmetic characters that contains an
// operator but does not parse is an error, not a string.
type operand struct {
	raw string
}

func parseOperand(s string, known map[string]bool) (operand, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return operand{}, fmt.Errorf("missing comparison value")
	}
	if q := s[0]; q == '"' || q == '\'' {
		if len(s) < 2 || s[len(s)-1] != q {
			return operand{}, fmt.Errorf("unterminated quoted value %s", s)
		}
	}
	if known != nil {
		if err := checkVars(s, known); err != nil {
			return operand{}, err
		}
	}
	o := operand{raw: s}
	if err := o.validate(); err != nil {
		return operand{}, err
	}
	return o, nil
}

// validate resolves the operand with every variable set to 1 and reports a
// malformed arithmetic expression before anything is sent. A division by
// zero is not reported: it may depend on the real values.
func (o operand) validate() error {
	s := varRef.ReplaceAllString(o.raw, "1")
	_, err := resolveText(s)
	if err != nil && !errors.Is(err, errArithDivZero) {
		return err
	}
	return nil
}

// value kinds after resolution
type valueKind int

const (
	kindNumber valueKind = iota
	kindString
	kindBool
	kindNull
)

type value struct {
	kind valueKind
	num  float64
	str  string
	b    bool
}

func (v value) String() string {
	switch v.kind {
	case kindNumber:
		return strconv.FormatFloat(v.num, 'g', -1, 64)
	case kindString:
		return strconv.Quote(v.str)
	case kindBool:
		return strconv.FormatBool(v.b)
	}
	return "null"
}

func (o operand) resolve(vars map[string]string) (value, error) {
	s, err := expand(o.raw, vars)
	if err != nil {
		return value{}, err
	}
	return resolveText(s)
}

// resolveText interprets an operand after variable substitution.
func resolveText(s string) (value, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		if s[0] == '"' {
			if u, err := strconv.Unquote(s); err == nil {
				return value{kind: kindString, str: u}, nil
			}
		}
		return value{kind: kindString, str: s[1 : len(s)-1]}, nil
	}
	switch s {
	case "true", "false":
		return value{kind: kindBool, b: s == "true"}, nil
	case "null":
		return value{kind: kindNull}, nil
	}
	f, err := evalArith(s)
	switch {
	case err == nil:
		return value{kind: kindNumber, num: f}, nil
	case errors.Is(err, errArithDivZero):
		return value{}, fmt.Errorf("value %q: division by zero", s)
	case looksArithmetic(s) && strings.ContainsAny(s, "+-*/()"):
		return value{}, fmt.Errorf("value %q is not a well-formed arithmetic expression (numbers joined by + - * / and parentheses); quote it to compare as a string", s)
	}
	return value{kind: kindString, str: s}, nil
}

// jsonToValue converts a decoded JSON value (decoded with UseNumber) into a
// comparable value. Objects and arrays become their JSON text.
func jsonToValue(v any) value {
	switch t := v.(type) {
	case nil:
		return value{kind: kindNull}
	case bool:
		return value{kind: kindBool, b: t}
	case json.Number:
		if f, err := t.Float64(); err == nil {
			return value{kind: kindNumber, num: f}
		}
		return value{kind: kindString, str: t.String()}
	case float64:
		return value{kind: kindNumber, num: t}
	case int:
		return value{kind: kindNumber, num: float64(t)}
	case string:
		return value{kind: kindString, str: t}
	}
	b, _ := json.Marshal(v)
	return value{kind: kindString, str: string(b)}
}

// compareValues applies op to got (left) and want (right).
func compareValues(got value, op cmpOp, want value) (bool, error) {
	switch want.kind {
	case kindNumber:
		g := got.num
		switch got.kind {
		case kindNumber:
		case kindString:
			f, err := strconv.ParseFloat(strings.TrimSpace(got.str), 64)
			if err != nil {
				return false, fmt.Errorf("got %s, not a number", got)
			}
			g = f
		default:
			return false, fmt.Errorf("got %s, not a number", got)
		}
		return op.holds(compareFloat(g, want.num)), nil
	case kindString:
		g := got.str
		switch got.kind {
		case kindString:
		case kindNumber:
			g = got.String()
		default:
			if !op.equality() {
				return false, fmt.Errorf("got %s, cannot order against a string", got)
			}
			return op == opNe, nil
		}
		return op.holds(strings.Compare(g, want.str)), nil
	default:
		if !op.equality() {
			return false, fmt.Errorf("%s can only be compared with == or !=", want)
		}
		same := got.kind == want.kind && (got.kind != kindBool || got.b == want.b)
		return same == (op == opEq), nil
	}
}

package probe

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// Arithmetic in comparison values and expectation counts: numbers joined
// by + - * / with the usual precedence (* and / before + and -), unary
// signs and parentheses, e.g. {{successes}}*2+1 or ({{n}}-1)/2.

var (
	errArithSyntax  = errors.New("not an arithmetic expression")
	errArithDivZero = errors.New("division by zero")
)

type arithParser struct {
	s     string
	pos   int
	depth int
}

// maxArithDepth bounds parentheses and unary signs so that hostile input
// cannot exhaust the stack.
const maxArithDepth = 64

// evalArith evaluates s. It returns errArithSyntax when s is not an
// arithmetic expression and errArithDivZero when it divides by zero.
func evalArith(s string) (float64, error) {
	p := &arithParser{s: s}
	p.space()
	if p.pos == len(p.s) {
		return 0, errArithSyntax
	}
	v, err := p.sum()
	if err != nil {
		return 0, err
	}
	p.space()
	if p.pos != len(p.s) {
		return 0, errArithSyntax
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, errArithSyntax
	}
	return v, nil
}

// looksArithmetic reports whether s is made only of the characters of an
// arithmetic expression and holds at least one digit: text that the user
// meant as arithmetic, so that a syntax error in it is reported rather
// than compared as a bare string.
func looksArithmetic(s string) bool {
	digit := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case strings.IndexByte("+-*/(). \teE", c) >= 0:
		default:
			return false
		}
	}
	return digit
}

func (p *arithParser) space() {
	for p.pos < len(p.s) && (p.s[p.pos] == ' ' || p.s[p.pos] == '\t') {
		p.pos++
	}
}

func (p *arithParser) sum() (float64, error) {
	v, err := p.product()
	if err != nil {
		return 0, err
	}
	for {
		p.space()
		if p.pos >= len(p.s) || (p.s[p.pos] != '+' && p.s[p.pos] != '-') {
			return v, nil
		}
		op := p.s[p.pos]
		p.pos++
		w, err := p.product()
		if err != nil {
			return 0, err
		}
		if op == '+' {
			v += w
		} else {
			v -= w
		}
	}
}

func (p *arithParser) product() (float64, error) {
	v, err := p.unary()
	if err != nil {
		return 0, err
	}
	for {
		p.space()
		if p.pos >= len(p.s) || (p.s[p.pos] != '*' && p.s[p.pos] != '/') {
			return v, nil
		}
		op := p.s[p.pos]
		p.pos++
		w, err := p.unary()
		if err != nil {
			return 0, err
		}
		if op == '*' {
			v *= w
		} else {
			if w == 0 {
				return 0, errArithDivZero
			}
			v /= w
		}
	}
}

func (p *arithParser) unary() (float64, error) {
	p.space()
	if p.pos >= len(p.s) {
		return 0, errArithSyntax
	}
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxArithDepth {
		return 0, errArithSyntax
	}
	switch c := p.s[p.pos]; {
	case c == '+' || c == '-':
		p.pos++
		v, err := p.unary()
		if c == '-' {
			v = -v
		}
		return v, err
	case c == '(':
		p.pos++
		v, err := p.sum()
		if err != nil {
			return 0, err
		}
		p.space()
		if p.pos >= len(p.s) || p.s[p.pos] != ')' {
			return 0, errArithSyntax
		}
		p.pos++
		return v, nil
	}
	return p.number()
}

// number reads an unsigned decimal number: digits, an optional fraction
// and an optional exponent.
func (p *arithParser) number() (float64, error) {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if digits() == 0 {
		return 0, errArithSyntax
	}
	if p.pos < len(p.s) && p.s[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return 0, errArithSyntax
		}
	}
	if p.pos < len(p.s) && (p.s[p.pos] == 'e' || p.s[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.s) && (p.s[p.pos] == '+' || p.s[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return 0, errArithSyntax
		}
	}
	f, err := strconv.ParseFloat(p.s[start:p.pos], 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, errArithSyntax
	}
	return f, nil
}

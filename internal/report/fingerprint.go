package report

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"

	"github.com/racecheck/racecheck/internal/syntax"
)

// ContextHash fingerprints a finding by its rule and the code around its
// primary line: the line itself and its nearest non-blank neighbours above
// and below, with all white space removed. It does not depend on the line
// number, so edits elsewhere in the file (and re-indentation) keep it; an
// edit of the flagged line or its neighbours changes it. t may be nil, in
// which case the line number is all there is to go on.
func ContextHash(rule string, t *syntax.Tree, line int) string {
	h := sha256.New()
	h.Write([]byte("racecheck/v1\x00"))
	h.Write([]byte(rule))
	if t == nil {
		h.Write([]byte("\x00line\x00" + strconv.Itoa(line)))
	} else {
		above, below := "", ""
		for l := line - 1; l >= 1; l-- {
			if s := squeeze(t.LineText(l)); s != "" {
				above = s
				break
			}
		}
		for l := line + 1; l <= t.LineCount(); l++ {
			if s := squeeze(t.LineText(l)); s != "" {
				below = s
				break
			}
		}
		for _, s := range []string{above, squeeze(t.LineText(line)), below} {
			h.Write([]byte{0})
			h.Write([]byte(s))
		}
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// squeeze removes all white space.
func squeeze(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

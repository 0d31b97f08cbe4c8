package report

import (
	"io"
	"os"
	"strconv"
	"strings"
)

// DefaultWidth is the text report's width when the output is not a
// terminal, or is one whose width cannot be told.
const DefaultWidth = 100

// minWidth is the narrowest width the text report wraps to.
const minWidth = 40

// Width is the width to wrap a text report written to w. On a terminal
// (terminal tells) it is the terminal's width, else the COLUMNS environment
// variable, else DefaultWidth; anywhere else (a pipe, a file) it is
// DefaultWidth, so that what is saved does not depend on who ran it.
func Width(w io.Writer, terminal bool, getenv func(string) string) int {
	if !terminal {
		return DefaultWidth
	}
	if f, ok := w.(*os.File); ok {
		if n := terminalColumns(f); n > 0 {
			return n
		}
	}
	if getenv != nil {
		if n, err := strconv.Atoi(strings.TrimSpace(getenv("COLUMNS"))); err == nil && n > 0 {
			return n
		}
	}
	return DefaultWidth
}

//go:build !linux && !darwin

package report

import "os"

// terminalColumns cannot ask the terminal on this system: COLUMNS or the
// default width applies.
func terminalColumns(*os.File) int { return 0 }

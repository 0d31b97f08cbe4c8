package engine

import (
	"strings"
	"testing"
)

func TestLooksMinified(t *testing.T) {
	chunk := `define("vs/chunk",["require","exports"],(function(a,n){"use strict";` + strings.Repeat(`class u{constructor(e){this._e=e}get e(){return this._e}}`, 25) + `}));`
	handWritten := strings.Repeat("export async function load(id: string) {\n  return db.find(id);\n}\n", 40)
	for _, c := range []struct {
		name string
		src  string
		want bool
	}{
		{"a 1.5 KiB chunk on one line", chunk, true},
		{"a bundle of 20 KiB on two lines", strings.Repeat("var a=1;", 2500) + "\n" + strings.Repeat("var b=2;", 100), true},
		{"hand-written code", handWritten, false},
		{"a short one-line module", `export const config = { url: "https://example.com/api", retries: 3 };`, false},
	} {
		if got := looksMinified(c.src); got != c.want {
			t.Errorf("%s (%d bytes): looksMinified = %v, want %v", c.name, len(c.src), got, c.want)
		}
	}
}

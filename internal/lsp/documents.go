package lsp

import (
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"unicode/utf8"
)

// document is an open text document.
type document struct {
	uri     string
	lang    string // the client's languageId
	version int
	text    string
	abs     string // absolute slash-separated path; "" when the URI is not a file
}

// uriToPath returns the absolute, slash-separated path of a file: URI, or
// "" for another scheme or a malformed URI.
func uriToPath(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" || u.Path == "" {
		return ""
	}
	p := u.Path
	// file:///C:/x on Windows: drop the slash before the drive letter.
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' && isLetter(p[1]) {
		p = p[1:]
	}
	if runtime.GOOS == "windows" && u.Host != "" {
		p = "//" + u.Host + p // a UNC path
	}
	return filepath.ToSlash(filepath.Clean(filepath.FromSlash(p)))
}

func isLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// pathToURI returns the file: URI of an absolute, slash-separated path.
func pathToURI(abs string) string {
	if !strings.HasPrefix(abs, "/") {
		abs = "/" + abs // C:/x
	}
	return (&url.URL{Scheme: "file", Path: abs}).String()
}

// offsetOf returns the byte offset in text of a position whose character
// counts UTF-16 code units. A position past the end of its line is the end
// of the line; past the last line, the end of the text.
func offsetOf(text string, p Position) int {
	off := 0
	for line := 0; line < p.Line; line++ {
		nl := strings.IndexByte(text[off:], '\n')
		if nl < 0 {
			return len(text)
		}
		off += nl + 1
	}
	units := 0
	for off < len(text) && units < p.Character {
		r, size := utf8.DecodeRuneInString(text[off:])
		if r == '\n' || r == '\r' && strings.HasPrefix(text[off:], "\r\n") {
			break
		}
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		off += size
	}
	return off
}

// applyChange applies one content change: the whole text when it has no
// range, else a replacement of the range.
func applyChange(text string, c contentChange) string {
	if c.Range == nil {
		return c.Text
	}
	start, end := offsetOf(text, c.Range.Start), offsetOf(text, c.Range.End)
	if end < start {
		start, end = end, start
	}
	return text[:start] + c.Text + text[end:]
}

// lineText returns line n (zero-based) of text without its line break, and
// whether the line exists.
func lineText(text string, n int) (string, bool) {
	off := 0
	for line := 0; line < n; line++ {
		nl := strings.IndexByte(text[off:], '\n')
		if nl < 0 {
			return "", false
		}
		off += nl + 1
	}
	end := strings.IndexByte(text[off:], '\n')
	if end < 0 {
		return text[off:], true
	}
	return strings.TrimSuffix(text[off:off+end], "\r"), true
}

// newline is the line break the text uses: CR LF when its first line ends
// with one, else LF.
func newline(text string) string {
	if nl := strings.IndexByte(text, '\n'); nl > 0 && text[nl-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// langExt maps the client's language ids to a file extension, for
// documents that are not files.
var langExt = map[string]string{
	"javascript":      ".js",
	"javascriptreact": ".jsx",
	"typescript":      ".ts",
	"typescriptreact": ".tsx",
}

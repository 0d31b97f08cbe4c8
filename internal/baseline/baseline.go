// Package baseline records a project's accepted findings so that a run
// reports, and fails on, only new ones.
//
// A finding is identified by its file, its rule and a fingerprint of the
// normalised code around its primary line (not its line number), so edits
// elsewhere in the file do not disturb the match. Identical keys are
// counted: two accepted findings with the same key excuse two findings, not
// a third.
package baseline

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"unicode/utf8"
)

// Version is the file format's version.
const Version = 1

// Key identifies a finding across runs.
type Key struct {
	File        string // slash-separated, relative to the baseline file's directory
	Rule        string
	Fingerprint string
}

// Entry is one key of the file, with how many findings it accepts.
type Entry struct {
	File        string `json:"file"`
	Rule        string `json:"rule"`
	Fingerprint string `json:"fingerprint"`
	Count       int    `json:"count"`
	// Message is the first accepted finding's message, for people reading
	// the file; matching ignores it.
	Message string `json:"message,omitempty"`
}

// Baseline is a parsed baseline file.
type Baseline struct {
	Entries []Entry
}

type document struct {
	Version *int    `json:"version"`
	Entries []Entry `json:"entries"`
}

// Item is a finding to record.
type Item struct {
	Key
	Message string
}

// New builds a baseline from findings; entries are sorted and counted.
func New(items []Item) *Baseline {
	index := map[Key]int{}
	b := &Baseline{Entries: []Entry{}}
	for _, it := range items {
		if i, ok := index[it.Key]; ok {
			b.Entries[i].Count++
			continue
		}
		index[it.Key] = len(b.Entries)
		b.Entries = append(b.Entries, Entry{File: it.File, Rule: it.Rule, Fingerprint: it.Fingerprint, Count: 1, Message: it.Message})
	}
	sort.SliceStable(b.Entries, func(i, j int) bool {
		x, y := b.Entries[i], b.Entries[j]
		if x.File != y.File {
			return x.File < y.File
		}
		if x.Rule != y.Rule {
			return x.Rule < y.Rule
		}
		return x.Fingerprint < y.Fingerprint
	})
	return b
}

// Total is the number of findings the baseline accepts.
func (b *Baseline) Total() int {
	n := 0
	for _, e := range b.Entries {
		n += e.Count
	}
	return n
}

// Marshal encodes the baseline as indented JSON.
func (b *Baseline) Marshal() []byte {
	v := Version
	doc := document{Version: &v, Entries: b.Entries}
	if doc.Entries == nil {
		doc.Entries = []Entry{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		panic(err) // strings and ints always encode
	}
	return buf.Bytes()
}

// Write writes the baseline to name.
func (b *Baseline) Write(name string) error {
	return os.WriteFile(name, b.Marshal(), 0o644)
}

// Match sorts keys into new findings and accepted ones. isNew[i] tells
// whether keys[i] is new; fixed counts the accepted findings that no key
// matched any more (they can be pruned by writing the baseline again).
func (b *Baseline) Match(keys []Key) (isNew []bool, fixed int) {
	left := map[Key]int{}
	for _, e := range b.Entries {
		left[Key{e.File, e.Rule, e.Fingerprint}] += e.Count
	}
	isNew = make([]bool, len(keys))
	for i, k := range keys {
		if left[k] > 0 {
			left[k]--
			continue
		}
		isNew[i] = true
	}
	for _, n := range left {
		fixed += n
	}
	return isNew, fixed
}

// Error is an unusable baseline file.
type Error struct {
	File         string
	Line, Column int // 0 when there is no position
	Msg          string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Msg)
}

// Read reads and checks the baseline file at name.
func Read(name string) (*Baseline, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		hint := ""
		if errors.Is(err, fs.ErrNotExist) {
			hint = " (create it with --write-baseline)"
		}
		return nil, &Error{File: name, Msg: "cannot read the baseline: " + err.Error() + hint}
	}
	return Parse(name, data)
}

// Parse checks a baseline file's contents; name is used in messages.
func Parse(name string, data []byte) (*Baseline, error) {
	bad := func(off int64, format string, args ...any) error {
		line, col := position(data, off)
		return &Error{File: name, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
	}
	if !utf8.Valid(data) {
		return nil, &Error{File: name, Msg: "not a baseline file: not valid UTF-8 text"}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{File: name, Msg: "the baseline is empty; write one with --write-baseline"}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var doc document
	if err := dec.Decode(&doc); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, bad(se.Offset-1, "invalid JSON: %s", se.Error())
		case errors.As(err, &te):
			where := "the baseline"
			if te.Field != "" {
				where = "\"" + te.Field + "\""
			}
			return nil, bad(valueStart(data, te.Offset), "%s must be %s, not a JSON %s", where, goTypeName(te.Type.String()), te.Value)
		case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
			return nil, &Error{File: name, Msg: "invalid JSON: unexpected end of file"}
		}
		msg := err.Error()
		if f, ok := strings.CutPrefix(msg, "json: unknown field "); ok {
			return nil, bad(dec.InputOffset(), "unknown key %s; a baseline has \"version\" and \"entries\" (each with file, rule, fingerprint, count and message)", f)
		}
		return nil, &Error{File: name, Msg: "invalid JSON: " + msg}
	}
	if dec.More() {
		return nil, bad(dec.InputOffset(), "unexpected data after the baseline's JSON object")
	}
	if doc.Version == nil {
		return nil, &Error{File: name, Msg: "not a baseline file: no \"version\" key"}
	}
	if *doc.Version != Version {
		return nil, &Error{File: name, Msg: fmt.Sprintf("baseline version %d is not supported (this racecheck reads version %d); write it again with --write-baseline", *doc.Version, Version)}
	}
	if doc.Entries == nil {
		return nil, &Error{File: name, Msg: "not a baseline file: no \"entries\" array"}
	}
	for i, e := range doc.Entries {
		where := fmt.Sprintf("entry %d", i+1)
		switch {
		case e.File == "":
			return nil, &Error{File: name, Msg: where + ": \"file\" is missing or empty"}
		case e.Rule == "":
			return nil, &Error{File: name, Msg: where + " (" + e.File + "): \"rule\" is missing or empty"}
		case e.Fingerprint == "":
			return nil, &Error{File: name, Msg: where + " (" + e.File + "): \"fingerprint\" is missing or empty"}
		case e.Count < 1:
			return nil, &Error{File: name, Msg: fmt.Sprintf("%s (%s): \"count\" must be at least 1, not %d", where, e.File, e.Count)}
		}
	}
	return &Baseline{Entries: doc.Entries}, nil
}

// valueStart finds the start of the JSON value that ends at off (or, for an
// object or array, whose opening bracket ends at off), as encoding/json
// reports type errors after the value.
func valueStart(data []byte, off int64) int64 {
	i := min(int(off), len(data))
	if i == 0 {
		return 0
	}
	switch c := data[i-1]; {
	case c == '{' || c == '[':
		return int64(i - 1)
	case c == '"':
		for j := i - 2; j >= 0; j-- {
			if data[j] != '"' {
				continue
			}
			k := j
			for k > 0 && data[k-1] == '\\' {
				k--
			}
			if (j-k)%2 == 0 {
				return int64(j)
			}
		}
		return 0
	}
	for i > 0 && strings.IndexByte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+-", data[i-1]) >= 0 {
		i--
	}
	return int64(i)
}

func goTypeName(t string) string {
	switch {
	case t == "string":
		return "a string"
	case t == "int" || strings.HasPrefix(t, "*int"):
		return "an integer"
	case strings.HasPrefix(t, "[]"):
		return "an array"
	case strings.HasPrefix(t, "baseline."):
		return "an object"
	}
	return t
}

func position(src []byte, off int64) (line, col int) {
	if off < 0 {
		off = 0
	}
	if off > int64(len(src)) {
		off = int64(len(src))
	}
	line = 1
	start := 0
	for i := 0; i < int(off); i++ {
		if src[i] == '\n' {
			line++
			start = i + 1
		}
	}
	return line, utf8.RuneCount(src[start:off]) + 1
}

package probe

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
)

// Idempotency bodies are compared as JSON when both are JSON: key order
// and white space do not matter, numbers are compared by value (1, 1.0 and
// 1e0 are equal), and the fields named by --ignore-field are left out.
// Bodies that are not JSON are compared byte for byte.

// parseIgnorePath parses an --ignore-field path: a field or array element
// inside the body, in the syntax of check paths (.createdAt, .data.id,
// .items[0].at).
func parseIgnorePath(s string) (*valuePath, error) {
	p, err := parsePath(s)
	if err != nil {
		return nil, fmt.Errorf("ignore field %q: %v", s, err)
	}
	if p.status || p.length || len(p.segs) == 0 {
		return nil, fmt.Errorf("ignore field %q: want a field inside the body such as .createdAt or .data.id", s)
	}
	return p, nil
}

// decodeJSON decodes a complete JSON document, keeping numbers as text.
func decodeJSON(body []byte) (any, bool) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, false
	}
	if _, err := dec.Token(); err == nil {
		return nil, false // more than one document
	}
	return v, true
}

// removePath deletes the value p selects from doc, if it is there.
func removePath(doc any, p *valuePath) any {
	if len(p.segs) == 0 {
		return doc
	}
	return removeSegs(doc, p.segs)
}

func removeSegs(cur any, segs []pathSeg) any {
	seg := segs[0]
	last := len(segs) == 1
	if seg.isIndex {
		arr, ok := cur.([]any)
		if !ok || seg.index >= len(arr) {
			return cur
		}
		if last {
			arr[seg.index] = ignoredValue{}
		} else {
			arr[seg.index] = removeSegs(arr[seg.index], segs[1:])
		}
		return arr
	}
	obj, ok := cur.(map[string]any)
	if !ok {
		return cur
	}
	v, ok := obj[seg.key]
	if !ok {
		return cur
	}
	if last {
		delete(obj, seg.key)
	} else {
		obj[seg.key] = removeSegs(v, segs[1:])
	}
	return obj
}

// ignoredValue stands for an ignored array element, which keeps its place.
type ignoredValue struct{}

// canonicalBody returns the canonical text of a body: for JSON, the
// document without the ignored fields, with sorted keys, no white space
// and numbers in a normal form; otherwise the raw bytes. isJSON reports
// which.
func canonicalBody(body []byte, ignore []*valuePath) (text string, isJSON bool) {
	doc, ok := decodeJSON(body)
	if !ok {
		return string(body), false
	}
	for _, p := range ignore {
		doc = removePath(doc, p)
	}
	var b strings.Builder
	writeCanonical(&b, doc)
	return b.String(), true
}

func writeCanonical(b *strings.Builder, v any) {
	switch t := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(t))
	case json.Number:
		b.WriteString(canonicalNumber(string(t)))
	case string:
		b.WriteString(strconv.Quote(t))
	case ignoredValue:
		b.WriteString("(ignored)")
	case []any:
		b.WriteByte('[')
		for i, e := range t {
			if i > 0 {
				b.WriteByte(',')
			}
			writeCanonical(b, e)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Quote(k))
			b.WriteByte(':')
			writeCanonical(b, t[k])
		}
		b.WriteByte('}')
	}
}

// maxExactExponent bounds the exponents that are compared exactly; larger
// ones (1e999999) are compared as text rather than expanded.
const maxExactExponent = 400

// canonicalNumber writes a JSON number as an exact fraction, so that equal
// values have equal text.
func canonicalNumber(s string) string {
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		if e, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+")); err != nil || e > maxExactExponent || e < -maxExactExponent {
			return s
		}
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return s
	}
	return r.RatString()
}

// sameBody reports whether two bodies are equal as JSON (or as bytes when
// either is not JSON) and, when they differ, where.
func sameBody(a, b []byte, ignore []*valuePath) (bool, string) {
	da, okA := decodeJSON(a)
	db, okB := decodeJSON(b)
	if !okA || !okB {
		if bytes.Equal(a, b) {
			return true, ""
		}
		return false, fmt.Sprintf("body %s differs from %s", clip(string(b), 60), clip(string(a), 60))
	}
	for _, p := range ignore {
		da, db = removePath(da, p), removePath(db, p)
	}
	if where := jsonDiff(da, db, "."); where != "" {
		return false, where
	}
	return true, ""
}

// jsonDiff returns a description of the first difference between two
// decoded documents, or "" when they are equal.
func jsonDiff(a, b any, at string) string {
	join := func(key string) string {
		if at == "." {
			return "." + key
		}
		return at + "." + key
	}
	switch ta := a.(type) {
	case map[string]any:
		tb, ok := b.(map[string]any)
		if !ok {
			break
		}
		keys := make([]string, 0, len(ta)+len(tb))
		for k := range ta {
			keys = append(keys, k)
		}
		for k := range tb {
			if _, dup := ta[k]; !dup {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			va, inA := ta[k]
			vb, inB := tb[k]
			switch {
			case !inA:
				return fmt.Sprintf("%s only in the replay", join(k))
			case !inB:
				return fmt.Sprintf("%s missing from the replay", join(k))
			}
			if d := jsonDiff(va, vb, join(k)); d != "" {
				return d
			}
		}
		return ""
	case []any:
		tb, ok := b.([]any)
		if !ok {
			break
		}
		if len(ta) != len(tb) {
			return fmt.Sprintf("%s has %d elements, the replay %d", at, len(ta), len(tb))
		}
		for i := range ta {
			if d := jsonDiff(ta[i], tb[i], fmt.Sprintf("%s[%d]", at, i)); d != "" {
				return d
			}
		}
		return ""
	}
	var ca, cb strings.Builder
	writeCanonical(&ca, a)
	writeCanonical(&cb, b)
	if ca.String() == cb.String() {
		return ""
	}
	return fmt.Sprintf("%s is %s, the replay has %s", at, clip(jsonText(a), 40), clip(jsonText(b), 40))
}

// jsonText renders a decoded value for a message.
func jsonText(v any) string {
	if n, ok := v.(json.Number); ok {
		return string(n)
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}

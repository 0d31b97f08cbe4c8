package baseline

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestRoundTripAndMatch(t *testing.T) {
	k1 := Key{"src/a.js", "check-then-act", "aaaa"}
	k2 := Key{"src/a.js", "floating-promise", "bbbb"}
	k3 := Key{"src/b.js", "check-then-act", "cccc"}
	b := New([]Item{{k2, "second"}, {k1, "first"}, {k1, "first again"}, {k3, "third"}})
	if b.Total() != 4 || len(b.Entries) != 3 {
		t.Fatalf("entries %+v", b.Entries)
	}
	if b.Entries[0].Count != 2 || b.Entries[0].Message != "first" || b.Entries[0].Rule != "check-then-act" {
		t.Errorf("first entry %+v", b.Entries[0])
	}
	name := filepath.Join(t.TempDir(), "racecheck-baseline.json")
	if err := b.Write(name); err != nil {
		t.Fatal(err)
	}
	got, err := Read(name)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Entries, b.Entries) {
		t.Errorf("read back %+v, wrote %+v", got.Entries, b.Entries)
	}
	// Three k1 now: two accepted, one new. k3 is gone: one fixed.
	isNew, fixed := got.Match([]Key{k1, k2, k1, k1, {"src/c.js", "check-then-act", "aaaa"}})
	if want := []bool{false, false, false, true, true}; !reflect.DeepEqual(isNew, want) {
		t.Errorf("isNew = %v, want %v", isNew, want)
	}
	if fixed != 1 {
		t.Errorf("fixed = %d, want 1", fixed)
	}
	empty := New(nil)
	if !strings.Contains(string(empty.Marshal()), `"entries": []`) {
		t.Errorf("empty baseline: %s", empty.Marshal())
	}
}

func TestBadBaselines(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"empty", "", "b.json: the baseline is empty; write one with --write-baseline"},
		{"binary", "\xff\xfe", "not valid UTF-8"},
		{"syntax", "{\n  \"version\": 1,\n  \"entries\": [,]\n}", "b.json:3:15: invalid JSON: invalid character ','"},
		{"truncated", `{"version": 1, "entries": [`, "invalid JSON: unexpected end of file"},
		{"not object", `[1, 2]`, "b.json:1:1: the baseline must be an object, not a JSON array"},
		{"wrong type", `{"version": "1", "entries": []}`, `b.json:1:13: "version" must be an integer, not a JSON string`},
		{"entries type", `{"version": 1, "entries": {}}`, `"entries" must be an array, not a JSON object`},
		{"count type", `{"version": 1, "entries": [{"file": "a", "rule": "r", "fingerprint": "f", "count": "2"}]}`, `"entries.count" must be an integer, not a JSON string`},
		{"unknown key", `{"version": 1, "entries": [], "extra": true}`, `unknown key "extra"`},
		{"no version", `{"entries": []}`, `not a baseline file: no "version" key`},
		{"config file", `{"rules": {}}`, `unknown key "rules"`},
		{"future", `{"version": 2, "entries": []}`, "baseline version 2 is not supported"},
		{"no entries", `{"version": 1}`, `no "entries" array`},
		{"no file", `{"version": 1, "entries": [{"rule": "r", "fingerprint": "f", "count": 1}]}`, `entry 1: "file" is missing or empty`},
		{"no rule", `{"version": 1, "entries": [{"file": "a.js", "fingerprint": "f", "count": 1}]}`, `entry 1 (a.js): "rule" is missing`},
		{"no fingerprint", `{"version": 1, "entries": [{"file": "a.js", "rule": "r", "count": 1}]}`, `"fingerprint" is missing`},
		{"zero count", `{"version": 1, "entries": [{"file": "a.js", "rule": "r", "fingerprint": "f", "count": 0}]}`, `"count" must be at least 1, not 0`},
		{"trailing", `{"version": 1, "entries": []} {}`, "unexpected data after"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("b.json", []byte(tc.src))
			var be *Error
			if !errors.As(err, &be) {
				t.Fatalf("error %v (%T), want a *baseline.Error", err, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error:\n  %s\nwant it to contain:\n  %s", err, tc.want)
			}
		})
	}
	_, err := Read(filepath.Join(t.TempDir(), "missing.json"))
	if err == nil || !strings.Contains(err.Error(), "cannot read the baseline: no such file or directory (create it with --write-baseline)") {
		t.Errorf("missing file: %v", err)
	}
	dir := t.TempDir()
	if _, err := Read(dir); err == nil || !strings.Contains(err.Error(), "cannot read the baseline") {
		t.Errorf("directory: %v", err)
	}
	_ = os.Remove(dir)
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"version": 1, "entries": []}`,
		`{"version": 1, "entries": [{"file": "a.js", "rule": "r", "fingerprint": "f", "count": 2, "message": "m"}]}`,
		`{"version": 1, "entries": [{"count": -1}]}`, `[`, `{"version": 1e400}`, "\xff",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Parse("b.json", data)
		if err != nil {
			var be *Error
			if !errors.As(err, &be) || be.Msg == "" {
				t.Fatalf("error %v (%T)", err, err)
			}
			return
		}
		for _, e := range b.Entries {
			if e.Count < 1 || e.File == "" || e.Rule == "" || e.Fingerprint == "" {
				t.Fatalf("accepted a bad entry %+v", e)
			}
		}
		// What was accepted survives a round trip.
		again, err := Parse("b.json", b.Marshal())
		if err != nil || !reflect.DeepEqual(again.Entries, b.Entries) {
			t.Fatalf("round trip: %v\n%+v\n%+v", err, again, b)
		}
		b.Match([]Key{{"a.js", "r", "f"}})
	})
}

package resultcache

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/racecheck/racecheck/internal/engine"
	_ "github.com/racecheck/racecheck/internal/rules"
)

const racy = `import { Pool } from "pg";
const pool = new Pool();
// racecheck-ignore-next-line floating-promise -- fire and forget, logged elsewhere
export async function withdraw(userId: string, amount: number) {
  const { rows } = await pool.query("SELECT balance FROM wallets WHERE user_id = $1", [userId]);
  if (rows[0].balance < amount) throw new Error("insufficient funds");
  await pool.query("UPDATE wallets SET balance = $1 WHERE user_id = $2", [rows[0].balance - amount, userId]);
}
`

func write(t testing.TB, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// project makes a small project and returns its directory and the options
// of a scan of it.
func project(t *testing.T) (string, engine.Options) {
	t.Helper()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "package.json"), `{"name": "app"}`)
	write(t, filepath.Join(dir, "src", "wallet.ts"), racy)
	write(t, filepath.Join(dir, "src", "util.ts"), "export const one = 1;\n")
	return dir, engine.Options{Paths: []string{dir}}
}

func TestStoreAndLookup(t *testing.T) {
	dir, opts := project(t)
	loc := filepath.Join(t.TempDir(), "cache")
	res, err := engine.Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Rule != "check-then-act" {
		t.Fatalf("findings = %+v, want one check-then-act", res.Findings)
	}
	if err := Store(loc, "k1", res); err != nil {
		t.Fatal(err)
	}
	got, ok := Lookup(loc, "k1", opts)
	if !ok {
		t.Fatal("Lookup of an unchanged project missed")
	}
	if !reflect.DeepEqual(got.Findings, res.Findings) || got.Files != res.Files || !reflect.DeepEqual(got.Skipped, res.Skipped) {
		t.Errorf("restored result differs:\n got %+v\nwant %+v", got, res)
	}
	file := res.Findings[0].File
	tree := got.Sources[file]
	if tree == nil || tree.Src != racy || !reflect.DeepEqual(tree.Comments(), res.Sources[file].Comments()) || len(tree.Comments()) != 1 {
		t.Errorf("restored source of %s: %v", file, tree)
	}
	if _, ok := Lookup(loc, "k2", opts); ok {
		t.Error("Lookup with another key hit")
	}

	// Touched without a change: still a hit.
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(filepath.Join(dir, "src", "util.ts"), later, later); err != nil {
		t.Fatal(err)
	}
	if _, ok := Lookup(loc, "k1", opts); !ok {
		t.Error("Lookup missed after a file was only touched")
	}

	for _, change := range []struct {
		name string
		do   func()
	}{
		{"a source changed", func() { write(t, filepath.Join(dir, "src", "util.ts"), "export const one = 2;\n") }},
		{"a source added", func() { write(t, filepath.Join(dir, "src", "new.ts"), "export {};\n") }},
		{"a source removed", func() { os.Remove(filepath.Join(dir, "src", "util.ts")) }},
		{"a tsconfig.json added", func() { write(t, filepath.Join(dir, "src", "tsconfig.json"), "{}") }},
		{"package.json changed", func() { write(t, filepath.Join(dir, "package.json"), `{"name": "app2"}`) }},
		{"a racecheck.json added above", func() { write(t, filepath.Join(filepath.Dir(dir), "racecheck.json"), "{}") }},
	} {
		if err := Store(loc, "k1", mustRun(t, opts)); err != nil {
			t.Fatal(err)
		}
		change.do()
		if _, ok := Lookup(loc, "k1", opts); ok {
			t.Errorf("%s: Lookup hit", change.name)
		}
	}
	os.Remove(filepath.Join(filepath.Dir(dir), "racecheck.json"))
}

func mustRun(t *testing.T, opts engine.Options) *engine.Result {
	t.Helper()
	res, err := engine.Run(opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestBadCacheFiles(t *testing.T) {
	_, opts := project(t)
	loc := filepath.Join(t.TempDir(), "cache")
	for _, data := range []string{"", "not json", `{"format": 99, "key": "k"}`, `{"format": 2, "key": "k", "discovered": ["/nope"]}`} {
		write(t, loc, data)
		if _, ok := Lookup(loc, "k", opts); ok {
			t.Errorf("cache %q: Lookup hit", data)
		}
	}
	if _, ok := Lookup(filepath.Join(t.TempDir(), "missing"), "k", opts); ok {
		t.Error("missing cache: Lookup hit")
	}
	if err := Store(filepath.Join(t.TempDir(), "no", "such", "dir", "cache"), "k", mustRun(t, opts)); err == nil {
		t.Error("Store into a missing directory succeeded")
	}
}

func FuzzLookup(f *testing.F) {
	f.Add([]byte(`{"format":2,"key":"k","discovered":[],"inputs":{"dir:/":{"h":""}},"result":{"sources":{"a.ts":{"abs":"/nope","comments":[[5,1]]}}}}`))
	f.Add([]byte(`{"format":2,"key":"k","result":{"findings":[{"rule":"x","severity":"bogus"}]}}`))
	dir := f.TempDir()
	opts := engine.Options{Paths: []string{dir}}
	f.Fuzz(func(t *testing.T, data []byte) {
		loc := filepath.Join(t.TempDir(), "cache")
		if err := os.WriteFile(loc, data, 0o644); err != nil {
			t.Fatal(err)
		}
		Lookup(loc, "k", opts) // must not panic
	})
}

// FuzzScan feeds Scan cache files for a project one of whose sources
// changed since, so that a cache that reads well takes the incremental
// path: whatever the file holds, Scan must not fail or panic.
func FuzzScan(f *testing.F) {
	dir := f.TempDir()
	write(f, filepath.Join(dir, "src", "balance.ts"), helperReads)
	write(f, filepath.Join(dir, "src", "withdraw.ts"), withdraw)
	opts := engine.Options{Paths: []string{dir}}
	loc := filepath.Join(f.TempDir(), "cache")
	if _, _, err := Scan(loc, "k", opts); err != nil {
		f.Fatal(err)
	}
	seed, err := os.ReadFile(loc)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"format":2,"key":"k","graph":{"nodes":["x"],"files":[0,7,-1],"imports":[[3]],"consulted":[[0,9]],"valued":[5],"values":[]}}`))
	write(f, filepath.Join(dir, "src", "balance.ts"), helperConstant)
	later := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(dir, "src", "balance.ts"), later, later)
	f.Fuzz(func(t *testing.T, data []byte) {
		loc := filepath.Join(t.TempDir(), "cache")
		if err := os.WriteFile(loc, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, _, err := Scan(loc, "k", opts); err != nil {
			t.Fatal(err)
		}
	})
}

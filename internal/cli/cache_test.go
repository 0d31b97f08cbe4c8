package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestCache scans with --cache three times: cold, warm (the cache is used
// and not rewritten), and after an edit that fixes the race (a full scan,
// with the findings of a scan without the cache).
func TestCache(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "src", "wallet.ts")
	write(t, filepath.Join(dir, "package.json"), `{"name": "app"}`)
	write(t, file, `import { Pool } from "pg";
const pool = new Pool();
export async function withdraw(userId: string, amount: number) {
  const { rows } = await pool.query("SELECT balance FROM wallets WHERE user_id = $1", [userId]);
  if (rows[0].balance < amount) throw new Error("insufficient funds");
  await pool.query("UPDATE wallets SET balance = $1 WHERE user_id = $2", [rows[0].balance - amount, userId]);
}
`)
	cacheDir := t.TempDir()
	loc := filepath.Join(cacheDir, ".racecheckcache")
	scan := func(extra ...string) result {
		return run(t, append([]string{"scan", "--no-config", "--format", "json"}, append(extra, dir)...)...)
	}
	cold := scan("--cache", "--cache-location", cacheDir)
	if cold.code != ExitFail || !reflect.DeepEqual(findings(t, cold.stdout), []string{"check-then-act:high:wallet.ts"}) {
		t.Fatalf("cold: exit %d, %s %s", cold.code, cold.stdout, cold.stderr)
	}
	info, err := os.Stat(loc)
	if err != nil {
		t.Fatalf("no cache written in the --cache-location directory: %v", err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(loc, old, old); err != nil {
		t.Fatal(err)
	}
	warm := scan("--cache", "--cache-location", loc)
	if warm.code != ExitFail || !reflect.DeepEqual(findings(t, warm.stdout), findings(t, cold.stdout)) {
		t.Errorf("warm: exit %d, %s", warm.code, warm.stdout)
	}
	if info2, _ := os.Stat(loc); !info2.ModTime().Equal(old) || info2.Size() != info.Size() {
		t.Error("a warm scan of unchanged files rewrote the cache instead of using it")
	}

	// Fix the race: the cached result no longer holds.
	write(t, file, `import { Pool } from "pg";
const pool = new Pool();
export async function withdraw(userId: string, amount: number) {
  const res = await pool.query("UPDATE wallets SET balance = balance - $1 WHERE user_id = $2 AND balance >= $1", [amount, userId]);
  if (res.rowCount === 0) throw new Error("insufficient funds");
}
`)
	edited := scan("--cache", "--cache-location", loc)
	fresh := scan()
	if edited.code != ExitPass || fresh.code != ExitPass || !reflect.DeepEqual(findings(t, edited.stdout), findings(t, fresh.stdout)) {
		t.Errorf("after the fix: cached scan exit %d %s, scan without the cache exit %d %s", edited.code, edited.stdout, fresh.code, fresh.stdout)
	}
	if info3, _ := os.Stat(loc); info3.ModTime().Equal(old) {
		t.Error("the cache was not replaced after a change")
	}
}

package cli

import (
	"reflect"
	"strings"
	"testing"
)

// These sources use data-access wrappers whose bodies racecheck cannot see
// or cannot read: a package outside the scan, and a module whose body
// calls an unknown driver. Only the "models" of racecheck.json say what
// they do.
const (
	taughtSQL = `import { perform } from "@acme/sql";
export async function withdraw(id: string, amount: number) {
  const { rows } = await perform("SELECT balance FROM wallets WHERE id = $1", [id]);
  if (rows[0].balance < amount) throw new Error("insufficient funds");
  await perform("UPDATE wallets SET balance = $1 WHERE id = $2", [rows[0].balance - amount, id]);
}
`
	taughtCache = `import * as cache from "../lib/cache";
export async function hit(key: string, limit: number) {
  const n = Number(await cache.fetchKey(key));
  if (n >= limit) return false;
  await cache.storeKey(key, n + 1);
  return true;
}
`
	cacheModule = `import { driver } from "./driver";
export const fetchKey = (k: string) => driver.call("GET", k);
export const storeKey = (k: string, v: number) => driver.call("SET", k, v);
`
	driverModule = "export const driver = { call: async (...args: unknown[]) => args };\n"
)

func TestTaughtWrappers(t *testing.T) {
	dir := project(t, map[string]string{
		"src/wallet.ts":  taughtSQL,
		"src/limit.ts":   taughtCache,
		"lib/cache.ts":   cacheModule,
		"lib/driver.ts":  driverModule,
		"racecheck.json": `{"models": {"@acme/sql#perform": "sql", "lib/cache#fetchKey": "cache-read", "lib/cache#storeKey": "cache-write"}}`,
	})
	r := run(t, "scan", "--format", "json", "--rules", "check-then-act", dir)
	want := []string{"check-then-act:high:limit.ts", "check-then-act:high:wallet.ts"}
	if got := findings(t, r.stdout); r.code != ExitFail || !reflect.DeepEqual(got, want) {
		t.Errorf("taught: exit %d, findings %q, want %q\n%s", r.code, got, want, r.stderr)
	}
	// Without the models, neither wrapper is known to touch a store.
	r = run(t, "scan", "--no-config", "--format", "json", "--rules", "check-then-act", dir)
	if got := findings(t, r.stdout); r.code != ExitPass || len(got) != 0 {
		t.Errorf("untaught: exit %d, findings %q", r.code, got)
	}
}

func TestTaughtWrapperErrors(t *testing.T) {
	dir := project(t, map[string]string{
		"src/wallet.ts":  taughtSQL,
		"racecheck.json": `{"models": {"@acme/sql#perform": "sq1"}}`,
	})
	r := run(t, "scan", dir)
	if r.code != ExitError || !strings.Contains(r.stderr, `unknown model "sq1" for "@acme/sql#perform"; did you mean "sql"?`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

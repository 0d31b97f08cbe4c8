package engine

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/sem"
)

// walletQueries is a data-access module whose helpers are named so that
// nothing but their bodies says what they do.
const walletQueries = `import { pool } from "./pool";
export async function walletRow(id: string) {
  const { rows } = await pool.query("SELECT balance FROM wallets WHERE id = $1", [id]);
  return rows[0];
}
export async function putWallet(id: string, balance: number) {
  await pool.query("UPDATE wallets SET balance = $1 WHERE id = $2", [balance, id]);
}
`

const walletPool = "import { Pool } from \"pg\";\nexport const pool = new Pool();\n"

// withdrawFrom imports the helpers from spec; the check in one helper and
// the write in the other are one check-then-act.
func withdrawFrom(spec string) string {
	return `import { walletRow, putWallet } from "` + spec + `";
export async function withdraw(id: string, amount: number) {
  const w = await walletRow(id);
  if (w.balance < amount) throw new Error("insufficient funds");
  await putWallet(id, w.balance - amount);
}
`
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestHelpersThroughEveryImportForm checks that helpers imported through a
// relative path, tsconfig baseUrl and paths (set in an extended tsconfig,
// or in a JavaScript project's jsconfig.json),
// package.json imports and a workspace package are all followed.
func TestHelpersThroughEveryImportForm(t *testing.T) {
	cases := map[string]map[string]string{
		"relative": {
			"src/db/queries.ts": walletQueries, "src/db/pool.ts": walletPool,
			"src/withdraw.ts": withdrawFrom("./db/queries"),
		},
		"baseUrl": {
			"tsconfig.json":     `{"compilerOptions": {"baseUrl": "src"}}`,
			"src/db/queries.ts": walletQueries, "src/db/pool.ts": walletPool,
			"src/api/withdraw.ts": withdrawFrom("db/queries"),
		},
		"jsconfig paths": {
			"jsconfig.json":     `{"compilerOptions": {"baseUrl": "src", "paths": {"db/*": ["db/*"]}}}`,
			"src/db/queries.ts": walletQueries, "src/db/pool.ts": walletPool,
			"src/api/withdraw.ts": withdrawFrom("db/queries"),
		},
		"jsconfig of a package": {
			"package.json":                   `{"name": "root", "private": true, "workspaces": ["packages/*"]}`,
			"packages/web/package.json":      `{"name": "web"}`,
			"packages/web/jsconfig.json":     `{"compilerOptions": {"baseUrl": "src", "paths": {"db/*": ["db/*"]}}}`,
			"packages/web/src/db/queries.ts": walletQueries, "packages/web/src/db/pool.ts": walletPool,
			"packages/web/src/api/withdraw.ts": withdrawFrom("db/queries"),
		},
		"paths via extends": {
			"tsconfig.base.json": `{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}`,
			"tsconfig.json":      `{"extends": "./tsconfig.base.json", "compilerOptions": {}}`,
			"src/db/queries.ts":  walletQueries, "src/db/pool.ts": walletPool,
			"src/api/withdraw.ts": withdrawFrom("@/db/queries"),
		},
		"package imports": {
			"package.json":      `{"name": "app", "imports": {"#db": "./src/db/queries.ts", "#lib/*": "./src/lib/*"}}`,
			"src/db/queries.ts": walletQueries, "src/db/pool.ts": walletPool,
			"src/api/withdraw.ts": withdrawFrom("#db"),
		},
		"workspace package": {
			"package.json":                 `{"name": "root", "private": true, "workspaces": ["packages/*"]}`,
			"packages/db/package.json":     `{"name": "@acme/db", "main": "dist/index.js"}`,
			"packages/db/src/index.ts":     `export * from "./queries";`,
			"packages/db/src/queries.ts":   walletQueries,
			"packages/db/src/pool.ts":      walletPool,
			"packages/api/package.json":    `{"name": "@acme/api"}`,
			"packages/api/src/withdraw.ts": withdrawFrom("@acme/db"),
		},
	}
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, files)
			res, err := Run(Options{Paths: []string{dir}, Rules: ctaOnly(t)})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				got = append(got, filepath.Base(f.File)+": "+f.Message)
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], "withdraw.ts: balance of wallets[id] read at line 3 decides the write at line 5") {
				t.Errorf("findings = %q, want one on withdraw.ts line 5", got)
			}
		})
	}
}

// TestUnresolvedPackageIsALibrary checks that an import of a package that is
// not part of the scan is not taken for a project helper.
func TestUnresolvedPackageIsALibrary(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"tsconfig.json":       `{"compilerOptions": {"baseUrl": "src"}}`,
		"src/api/withdraw.ts": withdrawFrom("wallet-sdk"),
	})
	res, err := Run(Options{Paths: []string{dir}, Rules: ctaOnly(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 {
		t.Errorf("findings = %v, want none", res.Findings)
	}
}

func ctaOnly(t *testing.T) []*analysis.Rule {
	r, ok := analysis.Lookup("check-then-act")
	if !ok {
		t.Fatal("check-then-act is not registered")
	}
	return []*analysis.Rule{r}
}

// TestPackageScopedAliases checks that two packages of a monorepo with the
// same "@/*" alias each resolve it to their own sources, and that a
// package's exports map to its source files.
func TestPackageScopedAliases(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"apps/a/package.json":                       `{"name": "a"}`,
		"apps/a/tsconfig.json":                      `{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}`,
		"apps/a/src/db.ts":                          "export const which = 'a';\n",
		"apps/a/src/use.ts":                         "import { which } from '@/db';\nimport { sum } from '@acme/util';\nimport { get } from '@acme/store/feed/getter';\nimport { ctx } from '@acme/store/context';\n",
		"packages/store/package.json":               `{"name": "@acme/store", "exports": {"./feed/*": {"types": "./src/modules/feed/*.ts", "import": "./src/modules/feed/*.ts"}, "./context": "./dist/context.js", "./legacy/*": null}}`,
		"packages/store/src/modules/feed/getter.ts": "export const get = () => 1;\n",
		"packages/store/src/context.ts":             "export const ctx = 1;\n",
		"apps/b/package.json":                       `{"name": "b"}`,
		"apps/b/tsconfig.json":                      `{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}`,
		"apps/b/src/db.ts":                          "export const which = 'b';\n",
		"apps/b/src/use.ts":                         "import { which } from '@/db';\n",
		"packages/util/package.json":                `{"name": "@acme/util", "exports": {".": {"types": "./dist/index.d.ts", "import": "./dist/index.js"}}}`,
		"packages/util/src/index.ts":                "export const sum = (a: number, b: number) => a + b;\n",
	})
	checkResolution(t, dir, map[string]map[string]string{
		"apps/a/src/use.ts": {"@/db": "apps/a/src/db.ts", "@acme/util": "packages/util/src/index.ts",
			"@acme/store/feed/getter": "packages/store/src/modules/feed/getter.ts", "@acme/store/context": "packages/store/src/context.ts"},
		"apps/b/src/use.ts": {"@/db": "apps/b/src/db.ts"},
	})
}

// TestLocalDependencyNames: a dependency installed from a directory
// ("Common": "file:../Common") is imported by the name the dependency
// gives it, not the package's own, and only by the package that declares
// it.
func TestLocalDependencyNames(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"App/package.json":        `{"name": "app", "dependencies": {"Common": "file:../Common", "left-pad": "^1.3.0"}, "devDependencies": {"Shared": "link:../Shared"}}`,
		"App/src/use.ts":          "import Config from 'Common/Server/Config';\nimport { util } from 'Common';\nimport { x } from 'Shared/x';\n",
		"Common/package.json":     `{"name": "@acme/common", "main": "index.js"}`,
		"Common/index.ts":         "export const util = 1;\n",
		"Common/Server/Config.ts": "export default class Config {}\n",
		"Shared/package.json":     `{"name": "shared-lib"}`,
		"Shared/x.ts":             "export const x = 1;\n",
		"Other/package.json":      `{"name": "other"}`,
		"Other/use.ts":            "import Config from 'Common/Server/Config';\n",
	})
	checkResolution(t, dir, map[string]map[string]string{
		"App/src/use.ts": {"Common/Server/Config": "Common/Server/Config.ts", "Common": "Common/index.ts", "Shared/x": "Shared/x.ts"},
		"Other/use.ts":   {"Common/Server/Config": ""},
	})
}

// checkResolution parses the files under dir with the aliases LoadAliases
// finds there, and checks what each specifier of want resolves to from
// each file (paths relative to dir; "" for no file of the project).
func checkResolution(t *testing.T, dir string, want map[string]map[string]string) {
	t.Helper()
	files, _, errs := parseAllPaths(t, dir)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var abs []string
	for _, f := range files {
		abs = append(abs, f.Abs)
	}
	p := sem.NewProject(files, LoadAliases([]string{dir}, abs...))
	root := filepath.ToSlash(dir) + "/"
	for _, f := range files {
		rel := strings.TrimPrefix(f.Abs, root)
		for spec, target := range want[rel] {
			got := ""
			if g := p.ResolveSpec(f, spec); g != nil {
				got = strings.TrimPrefix(g.Abs, root)
			}
			if got != target {
				t.Errorf("%s: %q resolves to %q, want %q", rel, spec, got, target)
			}
		}
	}
}

// txHelpers is a package with a transaction helper, and a batch of its
// own that the scan must not check.
const txHelpers = `import { PrismaClient, Prisma } from "@prisma/client";
export const prisma = new PrismaClient();
export async function withTx<R>(fn: (tx: Prisma.TransactionClient) => Promise<R>): Promise<R> {
  return prisma.$transaction(async (tx) => fn(tx));
}
export async function racyLocal(orders: { insert(o: object): Promise<void> }, stock: { decrement(id: string): Promise<void> }) {
  await Promise.all([orders.insert({}), stock.decrement("x")]);
}
`

// checkoutWith runs a batch inside withTx imported from spec.
func checkoutWith(spec string) string {
	return `import { withTx } from "` + spec + `";
type Repo = { insert(o: object): Promise<void>; decrement(id: string): Promise<void> };
export async function checkout(orders: Repo, stock: Repo, id: string) {
  await withTx(async () => {
    await Promise.all([orders.insert({ id }), stock.decrement(id)]);
  });
}
`
}

// TestPackagesOutsideTheScan: a package that a scanned package imports by
// name is indexed though it lies outside the scanned path, so a
// transaction helper there is followed; its own code is not checked, and
// its files are not counted. The package is a workspace package, or one
// installed from a directory ("Common": "file:../Common").
func TestPackagesOutsideTheScan(t *testing.T) {
	for name, c := range map[string]struct {
		files map[string]string
		scan  string
	}{
		"workspace": {map[string]string{
			"package.json":             `{ "name": "acme", "private": true, "workspaces": ["apps/*", "packages/*"] }`,
			"packages/db/package.json": `{ "name": "@acme/db", "main": "src/index.ts" }`,
			"packages/db/src/index.ts": txHelpers,
			"apps/api/package.json":    `{ "name": "@acme/api", "dependencies": { "@acme/db": "workspace:*" } }`,
			"apps/api/src/orders.ts":   checkoutWith("@acme/db"),
		}, "apps/api"},
		"file dependency": {map[string]string{
			"Common/package.json": `{ "name": "@acme/common", "main": "index.js" }`,
			"Common/Server/Tx.ts": txHelpers,
			"App/package.json":    `{ "name": "app", "dependencies": { "Common": "file:../Common" } }`,
			"App/src/orders.ts":   checkoutWith("Common/Server/Tx"),
		}, "App"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			c.files[".git/HEAD"] = "ref: refs/heads/main\n"
			writeTree(t, dir, c.files)
			res, err := Run(Options{Paths: []string{filepath.Join(dir, c.scan)}, Jobs: 2})
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range res.Findings {
				t.Errorf("unexpected finding %s:%d %s", f.File, f.Line, f.Rule)
			}
			if res.Files != 1 {
				t.Errorf("%d files counted, want the 1 scanned", res.Files)
			}
		})
	}
}

func TestWorkspacePatterns(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"pnpm-workspace.yaml": "packages:\n  - 'apps/*'\n  - \"packages/**\"\n  - '!**/test/**'\ncatalog:\n  react: ^19\n",
		"package.json":        `{ "name": "root", "workspaces": { "packages": ["tools/cli"] } }`,
	})
	got := workspacePatterns(dir)
	want := []string{"tools/cli", "apps/*", "packages/**", "!**/test/**"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("workspacePatterns = %q, want %q", got, want)
	}
}

func FuzzPnpmWorkspace(f *testing.F) {
	f.Add("packages:\n  - 'apps/*'\n  - packages/**\n")
	f.Add("packages:\n- a\nother:\n  - b\n")
	f.Add("packages:")
	f.Add("- x\n")
	f.Fuzz(func(t *testing.T, text string) {
		for _, p := range pnpmPackages(text) {
			if strings.Contains(p, "\n") {
				t.Errorf("pattern %q spans lines", p)
			}
		}
	})
}

package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
)

const sqliteDashboard = `const { Book, Author } = require("./models");

async function dashboard(libraryId) {
  const books = await Book.findAll({ where: { libraryId } });
  const authors = await Author.findAll({ where: { libraryId } });
  return { books, authors };
}

module.exports = { dashboard };
`

// aliased is a TypeScript project whose client module is imported through
// a tsconfig paths alias under its compiled name.
var aliased = map[string]string{
	"tsconfig.json": `{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["./src/*"]}}}`,
	"src/db.ts": `import { PrismaClient } from "@prisma/client";
const prisma = new PrismaClient();
export default prisma;
`,
	"dashboard.ts": `import prisma from "@/db.js";

export async function dashboard(libraryId: string) {
  const books = await prisma.book.findMany({ where: { libraryId } });
  const authors = await prisma.author.findMany({ where: { libraryId } });
  return { books, authors };
}
`,
}

// scanProject writes files (paths relative to a fresh directory) and runs
// rule over them.
func scanProject(t *testing.T, rule *analysis.Rule, files map[string]string) []analysis.Finding {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := engine.Run(engine.Options{Paths: []string{dir}, Rules: []*analysis.Rule{rule}})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

func prismaOn(provider string) string {
	return "datasource db {\n  provider = \"" + provider + "\"\n  url = env(\"DATABASE_URL\")\n}\n"
}

// With every database an SQLite file, queries run one at a time: reads
// awaited together would wait as long. The same code on a server database
// is reported.
func TestSequentialAwaitsOnSQLite(t *testing.T) {
	rule, ok := analysis.Lookup("sequential-awaits")
	if !ok {
		t.Fatal("sequential-awaits is not registered")
	}
	cliConfig := func(production string) map[string]string {
		return map[string]string{
			"get-config.js": `const config = require("./config/config");
module.exports = () => config[process.env.NODE_ENV || "development"];
`,
			"config/config.js": `module.exports = {
  development: { dialect: "sqlite", storage: "dev.db" },
  production: { dialect: "` + production + `", storage: "prod.db", host: "db" },
};
`,
		}
	}
	const cliDatabase = `const Sequelize = require("sequelize");
const getConfig = require("./get-config");
const config = getConfig();
module.exports = new Sequelize("mainDB", null, null, config);
`
	for _, c := range []struct {
		name, database, schema string
		extra                  map[string]string
		want                   int
	}{
		{"prisma on sqlite through a tsconfig alias", "", prismaOn("sqlite"), aliased, 0},
		{"prisma on postgresql through a tsconfig alias", "", prismaOn("postgresql"), aliased, 1},
		{"sequelize on sqlite", `const { Sequelize } = require("sequelize");
module.exports = new Sequelize({ dialect: "sqlite", storage: "db.sqlite" });
`, "", nil, 0},
		{"a database name is no URL", `const { Sequelize } = require("sequelize");
module.exports = new Sequelize("app", "user", "secret", { dialect: "sqlite", storage: "db.sqlite" });
`, "", nil, 0},
		{"sequelize-cli config, sqlite in every environment", cliDatabase, "", cliConfig("sqlite"), 0},
		{"sequelize-cli config, postgres in production", cliDatabase, "", cliConfig("postgres"), 1},
		{"sequelize on postgres", `const { Sequelize } = require("sequelize");
module.exports = new Sequelize({ dialect: "postgres", host: "db" });
`, "", nil, 1},
		{"sequelize with the dialect from the environment", `const { Sequelize } = require("sequelize");
module.exports = new Sequelize({ dialect: process.env.DB_DIALECT });
`, "", nil, 1},
		{"sqlite beside pg", `const Database = require("better-sqlite3");
const { Pool } = require("pg");
module.exports = { local: new Database("cache.db"), pool: new Pool() };
`, "", nil, 1},
		{"libsql on a local file", `const { createClient } = require("@libsql/client");
module.exports = createClient({ url: "file:/data/app.db" });
`, "", nil, 0},
		{"drizzle's libsql adapter on a local file", `const { drizzle } = require("drizzle-orm/libsql");
module.exports = drizzle({ connection: { url: "file:local.db" } });
`, "", nil, 0},
		{"libsql on a server", `const { createClient } = require("@libsql/client");
module.exports = createClient({ url: "libsql://app.turso.io", authToken: process.env.TOKEN });
`, "", nil, 1},
		{"libsql with the URL from the environment", `const { createClient } = require("@libsql/client");
module.exports = createClient({ url: process.env.DATABASE_URL });
`, "", nil, 1},
		{"libsql's client made out of sight", `const { drizzle } = require("drizzle-orm/libsql");
const client = require("./client");
module.exports = drizzle({ client });
`, "", nil, 1},
		{"prisma on sqlite", "", `datasource db {
  provider = "sqlite"
  url      = "file:./dev.db"
}
`, nil, 0},
		{"prisma on postgresql", "", `datasource db {
  provider = "postgresql"
  url      = env("DATABASE_URL")
}
`, nil, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"package.json": `{"name": "app"}`}
			if c.extra["dashboard.ts"] == "" {
				files["dashboard.js"] = sqliteDashboard
			}
			if c.database != "" {
				files["database.js"] = c.database
			}
			if c.schema != "" {
				files["prisma/schema.prisma"] = c.schema
			}
			for name, text := range c.extra {
				files[name] = text
			}
			findings := scanProject(t, rule, files)
			if len(findings) != c.want {
				t.Fatalf("findings = %+v, want %d", findings, c.want)
			}
			if c.want == 1 && (!strings.HasPrefix(filepath.Base(findings[0].File), "dashboard.") || findings[0].Line != 4) {
				t.Errorf("finding at %s:%d, want dashboard:4", findings[0].File, findings[0].Line)
			}
		})
	}
}

// SQLite's transactions are serializable: a read and a write in one
// transaction cannot interleave with another transaction's write to the
// same rows. The same transaction on PostgreSQL (read committed) is
// reported.
func TestCheckThenActInSQLiteTransaction(t *testing.T) {
	rule, ok := analysis.Lookup("check-then-act")
	if !ok {
		t.Fatal("check-then-act is not registered")
	}
	const hooks = `import { eq } from "drizzle-orm";
import { db, hooks } from "./db";

export async function disableHook(id: string, match: string) {
  await db.transaction(async (tx) => {
    const row = await tx.query.hooks.findFirst({ where: eq(hooks.id, id) });
    if (!row) throw new Error("no hooks");
    if (row.postUp.includes(match)) {
      await tx.update(hooks).set({ postUp: row.postUp.replace(match, "") }).where(eq(hooks.id, id));
    }
  });
}
`
	for _, c := range drizzleEngines("hooks") {
		t.Run(c.name, func(t *testing.T) {
			findings := scanProject(t, rule, map[string]string{"package.json": `{"name": "app"}`, "hooks.ts": hooks, "db.ts": c.db, "schema.ts": "export const hooks = {};\n"})
			if len(findings) != c.want {
				t.Fatalf("findings = %+v, want %d", findings, c.want)
			}
			if c.want == 1 && (filepath.Base(findings[0].File) != "hooks.ts" || findings[0].Line != 9) {
				t.Errorf("finding at %s:%d, want hooks.ts:9", findings[0].File, findings[0].Line)
			}
		})
	}
}

// A prepared statement runs the query it was prepared from: on an SQLite
// file its reads are local, awaited together or not; on PostgreSQL two
// independent reads are worth running together.
func TestPreparedStatementsOnSQLite(t *testing.T) {
	rule, ok := analysis.Lookup("sequential-awaits")
	if !ok {
		t.Fatal("sequential-awaits is not registered")
	}
	const service = `import { eq, sql } from "drizzle-orm";
import { db, clients } from "./db";

function statements(d: typeof db) {
  return {
    findAll: d.query.clients.findMany({ with: { links: true } }).prepare("all"),
    findById: d.query.clients.findFirst({ where: eq(clients.id, sql.placeholder("id")) }).prepare("one"),
  };
}

class ClientService {
  #statements: ReturnType<typeof statements>;

  constructor(d: typeof db) {
    this.#statements = statements(d);
  }

  async getAll() {
    return this.#statements.findAll.execute();
  }

  async get(id: number) {
    return this.#statements.findById.execute({ id });
  }
}

export async function summary(id: number) {
  const service = new ClientService(db);
  const all = await service.getAll();
  const one = await service.get(id);
  return { all, one };
}
`
	for _, c := range drizzleEngines("clients") {
		t.Run(c.name, func(t *testing.T) {
			findings := scanProject(t, rule, map[string]string{"package.json": `{"name": "app"}`, "service.ts": service, "db.ts": c.db, "schema.ts": "export const clients = {};\n"})
			if len(findings) != c.want {
				t.Fatalf("findings = %+v, want %d", findings, c.want)
			}
		})
	}
}

// drizzleEngines are a db.ts module exporting db and one table of
// ./schema, on an SQLite file through libSQL (where a race rule or a
// latency hint has nothing to report: want 0) and on PostgreSQL (want 1).
func drizzleEngines(table string) []struct {
	name, db string
	want     int
} {
	return []struct {
		name, db string
		want     int
	}{
		{"libsql on a local file", `import { drizzle } from "drizzle-orm/libsql";
import { createClient } from "@libsql/client";
import * as schema from "./schema";
export const db = drizzle({ client: createClient({ url: "file:app.db" }), schema });
export const ` + table + ` = schema.` + table + `;
`, 0},
		{"postgres", `import { drizzle } from "drizzle-orm/node-postgres";
import * as schema from "./schema";
export const db = drizzle(process.env.DATABASE_URL, { schema });
export const ` + table + ` = schema.` + table + `;
`, 1},
	}
}

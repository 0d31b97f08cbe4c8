package models

import (
	"testing"

	"github.com/racecheck/racecheck/internal/sqltext"
)

func TestStoreModule(t *testing.T) {
	for spec, want := range map[string]bool{
		"pg": true, "drizzle-orm/node-postgres": true, "@prisma/client": true, "@mikro-orm/core": true,
		"@upstash/redis": true, "openai": false, "stripe": false, "@octokit/rest": false, "./db": false,
		"@prisma/client/edge": true, "pgx": false, "@libsql/client": true, "drizzle-orm/libsql": true,
	} {
		if got := StoreModule(spec); got != want {
			t.Errorf("StoreModule(%q) = %v, want %v", spec, got, want)
		}
	}
}

func TestReadLatency(t *testing.T) {
	for _, c := range []struct {
		a    Access
		want Latency
	}{
		{Access{Kind: StorePrisma, Op: OpRead, Method: "findUnique"}, LatencyLookup},
		{Access{Kind: StorePrisma, Op: OpRead, Method: "findMany"}, LatencyScan},
		{Access{Kind: StoreORM, Op: OpRead, Method: "countDocuments"}, LatencyScan},
		{Access{Kind: StoreRedis, Op: OpRead, Method: "get"}, LatencyLookup},
		{Access{Kind: StoreSQL, Op: OpRead}, LatencyScan},
		{Access{Kind: StoreHTTP, Op: OpRead, Method: "get"}, LatencyRemote},
	} {
		if got := ReadLatency(&c.a, false); got != c.want {
			t.Errorf("ReadLatency(%s %s) = %d, want %d", c.a.Kind, c.a.Method, got, c.want)
		}
	}
}

func TestReadLatencyByKey(t *testing.T) {
	one := sqltext.Parse("SELECT number FROM state WHERE name = $1")
	joined := sqltext.Parse("SELECT * FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.id = $1")
	for _, c := range []struct {
		a     Access
		byKey bool
		want  Latency
	}{
		{Access{Kind: StoreSQL, Op: OpRead, SQL: &one}, true, LatencyLookup},
		{Access{Kind: StoreSQL, Op: OpRead, SQL: &one}, false, LatencyScan},
		{Access{Kind: StoreSQL, Op: OpRead, SQL: &joined}, true, LatencyScan},
		{Access{Kind: StoreBuilder, Op: OpRead, Method: "first"}, true, LatencyLookup},
		{Access{Kind: StorePrisma, Op: OpRead, Method: "findMany"}, true, LatencyScan},
	} {
		if got := ReadLatency(&c.a, c.byKey); got != c.want {
			t.Errorf("ReadLatency(%s %q, %v) = %d, want %d", c.a.Kind, c.a.Method, c.byKey, got, c.want)
		}
	}
}

func TestModuleEngine(t *testing.T) {
	for spec, want := range map[string]Engine{
		"better-sqlite3": EngineSQLite, "drizzle-orm/better-sqlite3": EngineSQLite, "pg": EngineServer,
		"@libsql/client": EngineUnknown, "sequelize": EngineUnknown, "lodash": EngineUnknown,
	} {
		if got := ModuleEngine(spec); got != want {
			t.Errorf("ModuleEngine(%q) = %v, want %v", spec, got, want)
		}
	}
}

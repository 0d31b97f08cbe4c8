package models

import "testing"

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
		if got := ReadLatency(&c.a); got != c.want {
			t.Errorf("ReadLatency(%s %s) = %d, want %d", c.a.Kind, c.a.Method, got, c.want)
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

package models_test

import (
	"testing"

	"github.com/racecheck/racecheck/internal/models"
)

func TestURLClientEngine(t *testing.T) {
	for _, c := range []struct {
		spec, src string
		want      models.Engine
		ok        bool
	}{
		{"@libsql/client", `createClient({ url: "file:local.db" })`, models.EngineSQLite, true},
		{"@libsql/client", `createClient({ url: ":memory:" })`, models.EngineSQLite, true},
		{"@libsql/client", `libsql.createClient({ url: "libsql://db.turso.io" })`, models.EngineServer, true},
		{"@libsql/client", `createClient({ url: env.URL })`, models.EngineUnknown, true},
		{"@libsql/client", `createClient()`, models.EngineUnknown, false},
		{"@libsql/client", `other({ url: "file:local.db" })`, models.EngineUnknown, false},
		{"drizzle-orm/libsql", `drizzle("file:local.db")`, models.EngineSQLite, true},
		{"drizzle-orm/libsql", `drizzle({ connection: "https://db.example.com" })`, models.EngineServer, true},
		{"drizzle-orm/libsql", `drizzle({ connection: { url: "file:x.db" }, schema })`, models.EngineSQLite, true},
		{"drizzle-orm/libsql", `drizzle({ client, schema })`, models.EngineUnknown, false},
	} {
		call := calls(t, c.src)[0]
		got, ok := models.URLClientEngine(c.spec, call)
		if got != c.want || ok != c.ok {
			t.Errorf("URLClientEngine(%q, %s) = %v, %v, want %v, %v", c.spec, c.src, got, ok, c.want, c.ok)
		}
	}
}

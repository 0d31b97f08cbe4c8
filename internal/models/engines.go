package models

import (
	"strings"

	"github.com/racecheck/racecheck/internal/syntax"
)

// Engine is the kind of database a project's clients talk to.
type Engine int

// Engines.
const (
	EngineUnknown Engine = iota
	// EngineSQLite is an SQLite file in the process: its queries run one
	// at a time, so awaiting them together saves nothing.
	EngineSQLite
	// EngineServer is a database server reached over a connection.
	EngineServer
)

func (e Engine) String() string {
	return [...]string{"unknown", "sqlite", "server"}[e]
}

// sqliteModules are drivers and adapters of SQLite files.
var sqliteModules = storeNames("better-sqlite3", "sqlite3", "sqlite", "bun:sqlite", "node:sqlite",
	"@databases/sqlite", "drizzle-orm/better-sqlite3", "drizzle-orm/bun-sqlite", "@mikro-orm/sqlite",
	"@mikro-orm/better-sqlite", "expo-sqlite", "@capacitor-community/sqlite")

// serverModules are drivers and adapters of database servers.
var serverModules = storeNames("pg", "pg-pool", "postgres", "@neondatabase/serverless", "@vercel/postgres",
	"mysql", "mysql2", "mysql2/promise", "@planetscale/database", "mongodb", "mongoose", "mssql", "tedious",
	"oracledb", "cassandra-driver", "@aws-sdk/client-dynamodb", "@aws-sdk/lib-dynamodb", "drizzle-orm/node-postgres",
	"drizzle-orm/postgres-js", "drizzle-orm/mysql2", "drizzle-orm/neon-http", "drizzle-orm/neon-serverless",
	"@mikro-orm/postgresql", "@mikro-orm/mysql", "@mikro-orm/mariadb",
	"@mikro-orm/mongodb", "@prisma/adapter-pg", "@prisma/adapter-neon", "@prisma/adapter-planetscale")

// ModuleEngine returns the engine importing a package implies, or
// EngineUnknown.
func ModuleEngine(spec string) Engine {
	switch {
	case sqliteModules[spec]:
		return EngineSQLite
	case serverModules[spec]:
		return EngineServer
	}
	return EngineUnknown
}

// urlClientFactories are, per package, the factories of clients whose
// engine their connection URL names: libSQL reaches an SQLite file in the
// process (createClient({ url: "file:local.db" })) or a server
// ("libsql://...", "https://..."), and so do drizzle's libSQL adapters
// (drizzle("file:local.db"), drizzle({ connection: { url } })).
var urlClientFactories = map[string]map[string]bool{
	"@libsql/client":          {"createClient": true},
	"@libsql/client/node":     {"createClient": true},
	"@libsql/client/web":      {"createClient": true},
	"drizzle-orm/libsql":      {"drizzle": true},
	"drizzle-orm/libsql/node": {"drizzle": true},
}

// URLClientModule reports a package whose clients' engine is named by
// their connection URL (see URLClientEngine).
func URLClientModule(spec string) bool { return urlClientFactories[spec] != nil }

// URLClientEngine reads the engine a call of a factory of spec's clients
// connects to, from the URL it is given as a string, as the url option or
// as the connection option (a URL or an object with one). ok is false for
// calls that name no URL (drizzle({ client }) wraps a client made
// elsewhere); a URL that is no string literal gives EngineUnknown.
func URLClientEngine(spec string, call syntax.Node) (Engine, bool) {
	_, m := Callee(call)
	if !urlClientFactories[spec][m] {
		return EngineUnknown, false
	}
	for _, a := range Args(call) {
		v := a.Unparen()
		if v.Is(syntax.KObject) {
			v = ObjectProp(a, "url")
			if v.IsNil() {
				v = ObjectProp(a, "connection")
			}
			if v.Unparen().Is(syntax.KObject) {
				v = ObjectProp(v.Unparen(), "url")
			}
			if v.IsNil() {
				continue
			}
		}
		s, ok := literalString(v)
		if !ok {
			return EngineUnknown, true
		}
		return libSQLURLEngine(s), true
	}
	return EngineUnknown, false
}

// libSQLURLEngine is the engine of a libSQL URL: "file:" and ":memory:"
// open an SQLite file in the process, the network schemes a server.
func libSQLURLEngine(url string) Engine {
	switch {
	case strings.HasPrefix(url, "file:"), url == ":memory:":
		return EngineSQLite
	case strings.HasPrefix(url, "libsql:"), strings.HasPrefix(url, "http:"), strings.HasPrefix(url, "https:"),
		strings.HasPrefix(url, "ws:"), strings.HasPrefix(url, "wss:"):
		return EngineServer
	}
	return EngineUnknown
}

// ormConfigModules are ORMs and query builders whose connection
// configuration names the engine in a constructor's options (see
// ConfigEngine).
var ormConfigModules = storeNames("sequelize", "sequelize-typescript", "knex", "typeorm", "@nestjs/typeorm", "@mikro-orm/core")

// ConfiguresEngine reports a specifier of such an ORM (or one of its
// subpaths).
func ConfiguresEngine(spec string) bool {
	return ormConfigModules[spec] || ormConfigModules[packageOf(spec)]
}

// engineConstructors are the calls that configure an ORM's connection,
// with the option that names its engine: new Sequelize({ dialect }),
// knex({ client }), new DataSource({ type }), createConnection({ type }),
// TypeOrmModule.forRoot({ type }), MikroORM.init({ type }). A name with a
// dot must match whole; the others also as the last member of a longer
// callee.
var engineConstructors = map[string]bool{
	"Sequelize": true, "knex": true, "Knex": true, "DataSource": true, "createConnection": true,
	"TypeOrmModule.forRoot": true, "MikroORM.init": true,
}

var engineOptionKeys = []string{"dialect", "client", "type"}

// sqliteOptionValues name SQLite as an ORM's engine.
var sqliteOptionValues = storeNames("sqlite", "sqlite3", "better-sqlite3", "sqljs", "capacitor", "expo",
	"react-native", "cordova", "nativescript")

// ConfigEngine reads the engine a call that configures an ORM's
// connection names: the dialect, client or type option of its options
// object, or a connection URL ("sqlite::memory:", "postgres://..."). ok is
// false for calls that configure no connection; an option racecheck
// cannot read gives EngineUnknown.
func ConfigEngine(call syntax.Node) (Engine, bool) {
	args, ok := EngineConfigArgs(call)
	if !ok {
		return EngineUnknown, false
	}
	for _, a := range args {
		a = a.Unparen()
		if s, ok := literalString(a); ok {
			if e, ok := URLEngine(s); ok {
				return e, true
			}
			continue // new Sequelize("db", "user", "pass", {...}): a database name
		}
		if e, ok := ObjectEngine(a); ok {
			return e, true
		}
	}
	return EngineUnknown, true
}

// EngineConfigArgs returns the arguments of a call that configures an
// ORM's connection (engineConstructors); ok is false for other calls.
func EngineConfigArgs(call syntax.Node) ([]syntax.Node, bool) {
	callee := call.Child(syntax.FFunction)
	if call.Is(syntax.KNewExpression) {
		callee = call.Child(syntax.FConstructor)
	}
	name := callee.Text()
	if !engineConstructors[name] {
		// new sequelize.Sequelize(...), typeorm.createConnection(...)
		i := strings.LastIndexByte(name, '.')
		if i < 0 || !engineConstructors[name[i+1:]] {
			return nil, false
		}
	}
	return Args(call), true
}

// URLEngine reads the engine of a connection URL: "sqlite::memory:" and
// "sqlite://file.db" are SQLite, any other "scheme://..." a server. ok is
// false for a string that is no URL.
func URLEngine(url string) (Engine, bool) {
	switch {
	case strings.HasPrefix(url, "sqlite:"):
		return EngineSQLite, true
	case strings.Contains(url, "://"):
		return EngineServer, true
	}
	return EngineUnknown, false
}

// ObjectEngine reads the engine an ORM options object names by its
// dialect, client or type option; ok is false for an object that names
// none, and an option that is no string literal gives EngineUnknown.
func ObjectEngine(obj syntax.Node) (Engine, bool) {
	if !obj.Unparen().Is(syntax.KObject) {
		return EngineUnknown, false
	}
	for _, key := range engineOptionKeys {
		v := ObjectProp(obj, key)
		if v.IsNil() {
			continue
		}
		s, ok := literalString(v)
		switch {
		case !ok:
			return EngineUnknown, true
		case sqliteOptionValues[s]:
			return EngineSQLite, true
		default:
			return EngineServer, true
		}
	}
	return EngineUnknown, false
}

// literalString is the value of a string literal.
func literalString(n syntax.Node) (string, bool) {
	n = n.Unparen()
	if !n.Is(syntax.KString) {
		return "", false
	}
	return strings.Trim(n.Text(), "\"'"), true
}

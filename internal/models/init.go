package models

import "github.com/racecheck/racecheck/internal/syntax"

// sharedInitWords name initialisation that writes state other instances
// share: schema migrations, seeding, registrations, schema sync, index and
// table creation, webhook registration.
var sharedInitWords = map[string]bool{
	"migrate": true, "migration": true, "migrations": true, "seed": true, "register": true,
	"sync": true, "synchronize": true, "provision": true, "bootstrap": true, "install": true,
	"webhook": true, "webhooks": true, "schema": true, "table": true, "tables": true,
	"index": true, "indexes": true, "indices": true, "bucket": true, "topic": true,
	"queue": true, "subscription": true, "insert": true, "upsert": true, "put": true,
}

// sharedInitVerbs begin the names of calls that set something up in shared
// storage when combined with one of the nouns above (createTable,
// ensureIndexes, setWebhook, putItem).
var sharedInitVerbs = map[string]bool{
	"create": true, "ensure": true, "set": true, "put": true, "run": true, "apply": true,
	"register": true, "init": true, "initialize": true, "setup": true, "add": true,
}

// IsSharedInitCall reports whether a call's name says it initialises shared
// state: runMigrations, migrate.latest, seedDatabase, registerWebhook,
// sequelize.sync, createTable, ensureIndexes, putItem.
func IsSharedInitCall(call syntax.Node) bool {
	chain, m := Callee(call)
	ws := Words(m)
	if len(ws) == 0 {
		return false
	}
	// migrate.latest(), umzug.up(): the receiver names the work.
	for _, c := range chain {
		for _, w := range Words(c) {
			if w == "migrate" || w == "migrator" || w == "umzug" || w == "migrations" {
				return true
			}
		}
	}
	switch ws[0] {
	case "connect", "get", "load", "read", "fetch", "find", "list", "new", "open":
		return false
	}
	if sharedInitWords[ws[0]] && ws[0] != "put" && ws[0] != "insert" && ws[0] != "upsert" && ws[0] != "index" {
		return true // migrate(), seed(), registerCommands(), sync()
	}
	if !sharedInitVerbs[ws[0]] {
		return false
	}
	for _, w := range ws[1:] {
		if sharedInitWords[w] {
			return true
		}
	}
	return ws[0] == "put" && len(ws) > 1 // putItem
}

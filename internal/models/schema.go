package models

import "strings"

// schemaBuilders are the objects through which code changes the database
// schema rather than its records: knex's and kysely's db.schema,
// sequelize's queryInterface, typeorm's queryRunner.
var schemaBuilders = map[string]bool{"schema": true, "queryInterface": true, "queryRunner": true}

// ddlMethods create, inspect or change tables, columns and indexes.
var ddlMethods = map[string]bool{
	"createTable": true, "createTableIfNotExists": true, "createTableLike": true, "hasTable": true,
	"hasColumn": true, "dropTable": true, "dropTableIfExists": true, "alterTable": true,
	"renameTable": true, "table": true, "createSchema": true, "createSchemaIfNotExists": true,
	"dropSchema": true, "createIndex": true, "dropIndex": true, "addColumn": true,
	"removeColumn": true, "changeColumn": true, "renameColumn": true, "addIndex": true,
	"removeIndex": true, "addConstraint": true, "removeConstraint": true, "createView": true,
	"dropView": true, "createType": true, "dropType": true, "getTable": true, "describeTable": true,
	"showAllTables": true, "tableExists": true, "createCollection": true, "dropCollection": true,
	"dropColumn": true, "dropColumns": true, "addColumns": true, "createForeignKey": true,
	"dropForeignKey": true, "createPrimaryKey": true, "dropPrimaryKey": true, "createUniqueConstraint": true,
	"dropUniqueConstraint": true, "createCheckConstraint": true, "dropCheckConstraint": true,
}

// indexMethods define a collection's or a search engine's indexes on
// whatever object holds them (MongoDB's collection.createIndex(spec),
// mongoose's Model.syncIndexes(), Meilisearch's client.createIndex(uid)):
// the name says what they change whatever the receiver is called.
var indexMethods = map[string]bool{
	"createIndex": true, "createIndexes": true, "ensureIndex": true, "ensureIndexes": true,
	"dropIndex": true, "dropIndexes": true, "syncIndexes": true, "createSearchIndex": true,
	"createSearchIndexes": true, "updateSearchIndex": true, "dropSearchIndex": true,
}

// IsSchemaChange reports a call that defines or inspects the database
// schema (knex.schema.hasTable("links"), queryInterface.addColumn(...),
// queryRunner.createTable(...), collection.createIndex(spec)): it reads or
// writes no record, so two copies of it cannot lose or duplicate data;
// migrations run it under their own lock.
func IsSchemaChange(chain []string, method string) bool {
	if indexMethods[method] && len(chain) > 0 {
		return true
	}
	if !ddlMethods[method] {
		return false
	}
	for _, c := range chain {
		if schemaBuilders[strings.TrimSuffix(c, "()")] {
			return true
		}
	}
	return false
}

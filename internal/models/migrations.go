package models

// MigrationKind says how a schema-migration call declares unique keys.
type MigrationKind int

// Kinds of migration calls.
const (
	// MigrationNone is not a migration call.
	MigrationNone MigrationKind = iota
	// MigrationTableIndex takes a table name, then one index object or an
	// array of them (TypeORM's queryRunner.createIndex("t", new
	// TableIndex({ columnNames, isUnique }))); unique when the object says
	// so or its class is always unique (TableUnique).
	MigrationTableIndex
	// MigrationPrimaryKey takes a table name, then the primary key's
	// column names (TypeORM's queryRunner.createPrimaryKey("t", ["a", "b"])).
	MigrationPrimaryKey
	// MigrationAddIndex takes a table name, then the columns or an options
	// object with them, then options (Sequelize's
	// queryInterface.addIndex("t", ["a", "b"], { unique: true })).
	MigrationAddIndex
	// MigrationAddConstraint takes a table name and an options object with
	// the fields and the constraint's type (Sequelize's
	// queryInterface.addConstraint("t", { fields, type: "unique" })).
	MigrationAddConstraint
	// MigrationTableBuilder takes a table name and a callback that
	// declares the table on a builder (knex's schema.createTable("t",
	// (table) => { table.unique(["a", "b"]) })).
	MigrationTableBuilder
	// MigrationCreateTable takes a table object (TypeORM's
	// queryRunner.createTable(new Table({ name, columns, indices, uniques })))
	// or a table name and an object of column definitions (Sequelize's
	// queryInterface.createTable("t", { email: { unique: true } })).
	MigrationCreateTable
)

// migrationMethods are the methods of migration APIs (TypeORM's
// QueryRunner, Sequelize's QueryInterface, knex's schema builder) that
// declare unique keys.
var migrationMethods = map[string]MigrationKind{
	"createIndex":             MigrationTableIndex,
	"createIndices":           MigrationTableIndex,
	"createUniqueConstraint":  MigrationTableIndex,
	"createUniqueConstraints": MigrationTableIndex,
	"createPrimaryKey":        MigrationPrimaryKey,
	"addIndex":                MigrationAddIndex,
	"addConstraint":           MigrationAddConstraint,
	"createTable":             MigrationCreateTable,
	"createTableIfNotExists":  MigrationTableBuilder,
	"alterTable":              MigrationTableBuilder,
	"table":                   MigrationTableBuilder,
}

// MigrationMethod says how a call of method m declares unique keys.
func MigrationMethod(m string) MigrationKind { return migrationMethods[m] }

// MigrationUniqueClasses are the index classes whose instances are always
// unique (TypeORM's TableUnique); MigrationIndexClasses those unique when
// their options say so.
var (
	MigrationUniqueClasses = map[string]bool{"TableUnique": true}
	MigrationIndexClasses  = map[string]bool{"TableIndex": true, "TableUnique": true}
	// MigrationTableClasses describe a whole table (TypeORM's Table).
	MigrationTableClasses = map[string]bool{"Table": true}
)

// Option names of migration APIs: the columns of an index or constraint,
// the flag that makes an index unique, a column's name, the flags that
// make a column unique or part of the primary key, and the constraint
// types that declare a key.
var (
	MigrationColumnsOptions = []string{"columnNames", "fields", "columns"}
	MigrationUniqueOptions  = []string{"isUnique", "unique"}
	MigrationPrimaryOptions = []string{"isPrimary", "primaryKey"}
	MigrationKeyTypes       = map[string]bool{"unique": true, "primary key": true}
)

// Builder methods of knex's table builder: a method that declares a key
// over the columns it is given (table.unique(["a", "b"]), table.primary(...)),
// a column type that is the primary key (table.increments("id")), and a
// modifier that makes the column it follows unique or primary
// (table.string("email").unique()).
var (
	TableBuilderKeyMethods     = map[string]bool{"unique": true, "primary": true}
	TableBuilderPrimaryColumns = map[string]bool{"increments": true, "bigIncrements": true}
)

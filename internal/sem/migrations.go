package sem

import (
	"strings"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/sqltext"
	"github.com/racecheck/racecheck/internal/syntax"
)

// migrationWords are what a file that declares a unique key in a
// migration mentions.
var migrationWords = Needles("createIndex", "createIndices", "createUniqueConstraint", "createPrimaryKey",
	"addIndex", "addConstraint", "createTable", "alterTable", "UNIQUE", "unique", "PRIMARY KEY", "primary key")

// findMigrationKeys reads the unique keys a project's migrations declare,
// by table: TypeORM's QueryRunner (createIndex with a unique TableIndex,
// createUniqueConstraint, createPrimaryKey, createTable with a Table),
// Sequelize's QueryInterface (addIndex with unique, addConstraint of type
// unique or primary key, createTable with unique or primaryKey columns),
// knex's table builder (table.unique([...]), table.primary([...]),
// table.string("email").unique(), table.increments()), and SQL text
// (CREATE UNIQUE INDEX ... ON t (...), ALTER TABLE t ADD ... UNIQUE
// (...), and the UNIQUE and PRIMARY KEY clauses of CREATE TABLE). A key
// later dropped is still read: the keys are facts about what the schema
// refuses, and a dropped one only makes a message say unique-key error
// where a duplicate would be kept.
func (p *Project) findMigrationKeys() []entityKey {
	var out []entityKey
	for _, f := range p.Files {
		if !f.SourceHas(migrationWords...) {
			continue
		}
		f.Root().EachOf(func(n syntax.Node) bool {
			if n.Is(syntax.KCallExpression) {
				out = append(out, migrationCallKeys(n)...)
			} else {
				out = append(out, sqlKeys(n)...)
			}
			return true
		}, syntax.KCallExpression, syntax.KString, syntax.KTemplateString)
	}
	return out
}

// migrationCallKeys returns the keys a migration call declares.
func migrationCallKeys(call syntax.Node) []entityKey {
	kind := models.MigrationMethod(models.Method(call))
	if kind == models.MigrationNone {
		return nil
	}
	args := models.Args(call)
	if len(args) == 0 {
		return nil
	}
	if kind == models.MigrationCreateTable {
		switch {
		case len(args) >= 2 && isFunction(args[1].Unparen()):
			kind = models.MigrationTableBuilder // knex.schema.createTable("t", (table) => ...)
		case len(args) == 1:
			return tableObjectKeys(args[0])
		}
	}
	table := tableName(args[0])
	if table == "" || len(args) < 2 {
		return nil
	}
	var keys [][]string
	switch kind {
	case models.MigrationTableIndex:
		a := args[1].Unparen()
		idx := []syntax.Node{a}
		if a.Is(syntax.KArray) {
			idx = a.NamedChildren()
		}
		for _, i := range idx {
			if k := indexObjectKey(i); k != nil {
				keys = append(keys, k)
			}
		}
	case models.MigrationPrimaryKey:
		keys = append(keys, stringList(args[1]))
	case models.MigrationAddIndex:
		cols := stringList(args[1])
		unique := false
		for _, a := range args[1:] {
			if o := a.Unparen(); o.Is(syntax.KObject) {
				if cols == nil {
					cols = optionColumns(o)
				}
				unique = unique || optionTrue(o, models.MigrationUniqueOptions) || keyType(o)
			}
		}
		if unique {
			keys = append(keys, cols)
		}
	case models.MigrationAddConstraint:
		cols := stringList(args[1])
		for _, a := range args[1:] {
			if o := a.Unparen(); o.Is(syntax.KObject) && keyType(o) {
				if cols == nil {
					cols = optionColumns(o)
				}
				keys = append(keys, cols)
			}
		}
	case models.MigrationTableBuilder:
		keys = builderKeys(args[len(args)-1].Unparen())
	case models.MigrationCreateTable:
		if o := args[1].Unparen(); o.Is(syntax.KObject) {
			keys = columnObjectKeys(o)
		}
	}
	return tableKeys(table, keys)
}

// tableKeys makes entity keys of a table's keys, leaving out empty ones.
func tableKeys(table string, keys [][]string) []entityKey {
	var out []entityKey
	for _, k := range keys {
		if len(k) > 0 {
			out = append(out, entityKey{names: []string{table}, key: k})
		}
	}
	return out
}

// tableName returns the table a migration call names: a string, or the
// tableName of an object ({ tableName: "t", schema: "s" }).
func tableName(n syntax.Node) string {
	n = n.Unparen()
	if n.Is(syntax.KObject) {
		n = objectMember(n, "tableName")
	}
	s, ok := StringValue(n)
	if !ok {
		return ""
	}
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		s = s[i+1:] // "public.users"
	}
	return s
}

// indexObjectKey returns the columns of a unique index or constraint
// object: new TableIndex({ columnNames, isUnique: true }), new
// TableUnique({ columnNames }), or a plain object with them.
func indexObjectKey(n syntax.Node) []string {
	n = n.Unparen()
	always := false
	if n.Is(syntax.KNewExpression) {
		class := n.Child(syntax.FConstructor).Text()
		if !models.MigrationIndexClasses[class] {
			return nil
		}
		always = models.MigrationUniqueClasses[class]
		args := models.Args(n)
		if len(args) != 1 {
			return nil
		}
		n = args[0].Unparen()
	}
	if !n.Is(syntax.KObject) || !always && !optionTrue(n, models.MigrationUniqueOptions) {
		return nil
	}
	return optionColumns(n)
}

// tableObjectKeys returns the keys of a table object (new Table({ name,
// columns: [{ name, isPrimary, isUnique }], indices: [...], uniques: [...] })).
func tableObjectKeys(n syntax.Node) []entityKey {
	n = n.Unparen()
	if !n.Is(syntax.KNewExpression) || !models.MigrationTableClasses[n.Child(syntax.FConstructor).Text()] {
		return nil
	}
	args := models.Args(n)
	if len(args) != 1 || !args[0].Unparen().Is(syntax.KObject) {
		return nil
	}
	o := args[0].Unparen()
	table := tableName(objectMember(o, "name"))
	if table == "" {
		return nil
	}
	var keys [][]string
	var primary []string
	if cols := objectMember(o, "columns").Unparen(); cols.Is(syntax.KArray) {
		for _, c := range cols.NamedChildren() {
			c = c.Unparen()
			name, ok := StringValue(objectMember(c, "name"))
			if !c.Is(syntax.KObject) || !ok {
				continue
			}
			if optionTrue(c, models.MigrationPrimaryOptions) {
				primary = append(primary, name)
			}
			if optionTrue(c, models.MigrationUniqueOptions) {
				keys = append(keys, []string{name})
			}
		}
	}
	keys = append(keys, primary)
	if idx := objectMember(o, "indices").Unparen(); idx.Is(syntax.KArray) {
		for _, i := range idx.NamedChildren() {
			keys = append(keys, indexObjectKey(i))
		}
	}
	if us := objectMember(o, "uniques").Unparen(); us.Is(syntax.KArray) {
		for _, u := range us.NamedChildren() {
			if u = u.Unparen(); u.Is(syntax.KObject) {
				keys = append(keys, optionColumns(u))
			} else {
				keys = append(keys, indexObjectKey(u))
			}
		}
	}
	return tableKeys(table, keys)
}

// columnObjectKeys returns the keys of an object of column definitions
// (Sequelize's createTable("t", { id: { primaryKey: true }, email: { unique: true } })).
func columnObjectKeys(o syntax.Node) [][]string {
	var keys [][]string
	var primary []string
	for _, c := range o.NamedChildren() {
		if !c.Is(syntax.KPair) {
			continue
		}
		name := strings.Trim(c.Child(syntax.FKey).Text(), "\"'`")
		def := c.Child(syntax.FValue).Unparen()
		if !def.Is(syntax.KObject) {
			continue
		}
		if optionTrue(def, models.MigrationPrimaryOptions) {
			primary = append(primary, name)
		}
		if optionTrue(def, models.MigrationUniqueOptions) {
			keys = append(keys, []string{name})
		}
	}
	return append(keys, primary)
}

// builderKeys returns the keys a knex table-builder callback declares on
// its parameter.
func builderKeys(cb syntax.Node) [][]string {
	if !isFunction(cb) {
		return nil
	}
	ps := cb.Child(syntax.FParameters)
	if ps.IsNil() || len(ps.NamedChildren()) == 0 {
		if p := cb.Child(syntax.FParameter); !p.IsNil() {
			return builderKeysOn(cb, p.Text())
		}
		return nil
	}
	param := ps.NamedChildren()[0]
	if p := param.Child(syntax.FPattern); !p.IsNil() {
		param = p
	}
	return builderKeysOn(cb, param.Text())
}

func builderKeysOn(cb syntax.Node, table string) [][]string {
	var keys [][]string
	body := cb.Child(syntax.FBody)
	body.Walk(func(n syntax.Node) bool {
		if !n.Is(syntax.KCallExpression) {
			return true
		}
		m := models.Method(n)
		recv := models.Receiver(n).Unparen()
		args := models.Args(n)
		switch {
		case recv.Text() == table && models.TableBuilderKeyMethods[m] && len(args) > 0:
			keys = append(keys, stringList(args[0])) // table.unique(["a", "b"])
		case recv.Text() == table && models.TableBuilderPrimaryColumns[m]:
			name := "id"
			if len(args) > 0 {
				name, _ = StringValue(args[0])
			}
			keys = append(keys, []string{name}) // table.increments("id")
		case models.TableBuilderKeyMethods[m] && len(args) == 0:
			// table.string("email").notNullable().unique()
			for c := recv; c.Is(syntax.KCallExpression); c = models.Receiver(c).Unparen() {
				if models.Receiver(c).Unparen().Text() == table {
					if as := models.Args(c); len(as) > 0 {
						if name, ok := StringValue(as[0]); ok {
							keys = append(keys, []string{name})
						}
					}
					break
				}
			}
		}
		return true
	})
	return keys
}

// stringList returns the strings of an array of string literals, or of a
// single string literal; nil for anything else.
func stringList(n syntax.Node) []string {
	if s, ok := StringValue(n); ok {
		return []string{s}
	}
	return stringArray(n) // an expression index is not a list of columns
}

// optionColumns returns the columns an options object lists.
func optionColumns(o syntax.Node) []string {
	for _, name := range models.MigrationColumnsOptions {
		if cols := stringList(objectMember(o, name)); cols != nil {
			return cols
		}
	}
	return nil
}

// optionTrue reports an object with one of the named members set to true.
func optionTrue(o syntax.Node, names []string) bool {
	for _, name := range names {
		if objectMember(o, name).Unparen().Is(syntax.KTrue) {
			return true
		}
	}
	return false
}

// keyType reports an options object whose type is a key constraint
// ({ type: "unique" }).
func keyType(o syntax.Node) bool {
	t, ok := StringValue(objectMember(o, "type"))
	return ok && models.MigrationKeyTypes[strings.ToLower(t)]
}

// sqlKeys returns the keys SQL text in a string or template literal
// declares (sqltext.Keys).
func sqlKeys(n syntax.Node) []entityKey {
	text, ok := sqltext.FromNode(n)
	if !ok {
		return nil
	}
	var out []entityKey
	for _, k := range sqltext.Keys(text) {
		out = append(out, tableKeys(k.Table, [][]string{k.Columns})...)
	}
	return out
}

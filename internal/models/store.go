package models

import (
	"strings"

	"github.com/racecheck/racecheck/internal/sqltext"
	"github.com/racecheck/racecheck/internal/syntax"
)

// StoreKind names the family of API a store access goes through.
type StoreKind string

// Store kinds.
const (
	StoreSQL     StoreKind = "sql"     // SQL text: pg, mysql2, better-sqlite3, $queryRaw, sequelize.query
	StorePrisma  StoreKind = "prisma"  // prisma.<model>.<method>({ where, data })
	StoreORM     StoreKind = "orm"     // object-shaped APIs: sequelize, typeorm repositories, mongoose, mongodb, services
	StoreBuilder StoreKind = "builder" // query builders: knex, drizzle, typeorm createQueryBuilder
	StoreRedis   StoreKind = "redis"   // ioredis, node-redis
	StoreDynamo  StoreKind = "dynamodb"
	StoreHTTP    StoreKind = "http" // fetch, axios
	StoreHelper  StoreKind = "helper"
)

// Op is what a store access does to its record.
type Op int

// Store operations.
const (
	OpNone   Op = iota
	OpRead      // find, select, get
	OpUpdate    // update, set, save of an existing record
	OpInsert    // create, insert of a new record
	OpUpsert    // atomic insert-or-update (upsert, ON CONFLICT, findOrCreate)
	OpDelete    // delete, destroy, del
	OpIncr      // atomic relative update (INCR, $inc, increment)
)

// Effect returns whether the operation reads or writes.
func (o Op) Effect() Effect {
	switch o {
	case OpRead:
		return Read
	case OpNone:
		return None
	}
	return Write
}

func (o Op) String() string {
	return [...]string{"none", "read", "update", "insert", "upsert", "delete", "increment"}[o]
}

// Field is one field of a record an access picks the record by or writes.
type Field struct {
	Name  string      // the field or column ("" when positional or unknown)
	Value syntax.Node // the expression compared or written (may be no node)
	// Cond is set for a comparison other than plain equality with a value
	// (gt, $gte, IS NULL, IN, ...): the access carries a condition.
	Cond bool
	// Relative is set for a written field updated relative to itself
	// (balance = balance - $1, { increment: 1 }, $inc).
	Relative bool
	// Converges is set for a value that racing writers agree on whatever
	// they read: an expiry set from now (EXPIRE key ttl).
	Converges bool
	// SetOp is set for a member added to or removed from a set field in
	// one atomic step ($addToSet, $pull, $pullAll): adding a member twice,
	// or removing an absent one, changes nothing.
	SetOp bool
	// Literal is the constant written, or the constant a filter requires
	// the field to equal, when it is a literal inside SQL text ("null",
	// "true", "'paid'"); "" otherwise.
	Literal string
	// SQLExpr is the SQL expression written, when it is neither a literal
	// nor a parameter (NOW() + INTERVAL '30 SECONDS').
	SQLExpr string
}

// Access is what one call does to external state.
type Access struct {
	Call     syntax.Node
	Kind     StoreKind
	Op       Op
	Method   string
	Resource string // table, model, collection, redis/url namespace or helper noun; "" when unknown
	// Record is the loaded record the call is made on or given
	// (user.save(), repo.save(user), user.update({...})), or no node.
	Record syntax.Node
	Where  []Field // what picks the record
	Data   []Field // what is written
	// Field is the one field a read returns (HGET key field,
	// getObjectField(key, "field")), or "".
	Field string
	// Keys are extra expressions that identify the record (a redis key, a
	// helper's arguments, SQL WHERE parameters that could not be paired
	// with a column).
	Keys []syntax.Node
	// Locking is set for a read that takes a row lock (FOR UPDATE/SHARE,
	// lock options, setLock('pessimistic_write')).
	Locking bool
	// TxLock is set for a statement that takes a transaction-level
	// advisory lock and waits for it (SELECT pg_advisory_xact_lock(k)):
	// held until the transaction it runs in ends. Keys are then the
	// lock's parameters (none for a literal key).
	TxLock bool
	// Atomic is set for a write that decides by itself: upsert, ON CONFLICT,
	// SET NX, a DynamoDB ConditionExpression, insert-ignore.
	Atomic bool
	// Relative is set for a relative update (increment, $inc, col = col - 1).
	Relative bool
	// UniqueLookup is set for a read the library only allows by a unique
	// key (Prisma findUnique): it finds at most one record, and the
	// database refuses a second record with the same key.
	UniqueLookup bool
	// ThrowsIfMissing is set for writes that fail when no row matches
	// (prisma update/delete), so a conflict cannot pass silently.
	ThrowsIfMissing bool
	// WholeValue is set for key-value accesses that read or replace a whole
	// value (redis GET/SET, a helper getX/setX).
	WholeValue bool
	// Named is set when the access was classified from a helper's name.
	Named bool
	// NoValue is set for a helper's read seen at a call of the helper
	// whose result is not what the read returned: the helper returns its
	// own argument (transformed), a constant, or nothing.
	NoValue bool
	// Options is the options object ({ transaction: t }, { lock }, { session }).
	Options syntax.Node
	// TxArg is a transaction handle the access runs in (.transacting(trx),
	// { transaction: t }, { session }), or no node.
	TxArg syntax.Node
	SQL   *sqltext.Stmt
}

// Env is what store classification needs from the semantic model.
type Env interface {
	// ImportSpec returns the module the root identifier of a call's callee
	// was imported from, or "".
	ImportSpec(call syntax.Node) string
	// Init returns the initialiser of the variable an identifier names, or
	// no node.
	Init(id syntax.Node) syntax.Node
	// Repository reports a receiver the code declares as an ORM's
	// repository (Repository<User>, @InjectRepository(User)): its save
	// and update calls write records it is given, it is no record.
	Repository(recv syntax.Node) bool
}

// IsChainLink reports whether call is the receiver of another call
// (knex("t").where(...) inside knex("t").where(...).first()): only the
// outermost call of a chain is an access.
func IsChainLink(call syntax.Node) bool {
	p := call.Parent()
	for p.Is(syntax.KParenthesizedExpression, syntax.KNonNullExpression) {
		p = p.Parent()
	}
	if !p.Is(syntax.KMemberExpression) || p.Child(syntax.FObject).Unparen() != call.Unparen() {
		return false
	}
	gp := p.Parent()
	if !gp.Is(syntax.KCallExpression) {
		return false
	}
	m := p.Child(syntax.FProperty).Text()
	return m != "then" && m != "catch" && m != "finally" && m != "promise"
}

// ClassifyStore says what a call does to a database, cache or remote
// service, from its shape alone. Helpers known only by name are left to
// HelperAccess.
func ClassifyStore(call syntax.Node, env Env) (Access, bool) {
	if !call.Is(syntax.KCallExpression) {
		return Access{}, false
	}
	if chain, m := Callee(call); IsSchemaChange(chain, m) {
		return Access{}, false
	}
	for _, c := range []func(syntax.Node, Env) (Access, bool){sqlAccess, adapterAccess, drizzleQueryAccess, prismaAccess, dynamoAccess, builderAccess, redisAccess, payloadAccess, ormAccess, httpAccess} {
		if a, ok := c(call, env); ok {
			a.Call = call
			if a.Method == "" {
				_, a.Method = Callee(call)
			}
			if a.Op != OpRead && HasIdempotencyKey(call) {
				a.Atomic = true // the service applies a repeated request once
			}
			return a, true
		}
	}
	return Access{}, false
}

// ConditionalWrite reports an update whose filter holds a condition
// besides the record's key: a comparison ({ status: { in: [...] } }), or
// a field required to hold a constant ({ transcriptRequestedAt: null,
// status: "pending" }). The database applies it only while the condition
// holds, so of two racing requests one changes nothing; with its affected
// count checked, it is an atomic claim.
func (a *Access) ConditionalWrite() bool {
	if a.Op != OpUpdate && a.Op != OpDelete {
		return false
	}
	for _, f := range a.Where {
		if f.Cond {
			return true
		}
		v := f.Value.Unparen()
		if v.Is(syntax.KNull, syntax.KTrue, syntax.KFalse, syntax.KString, syntax.KNumber, syntax.KUndefined) {
			return true
		}
		if o := v.Child(syntax.FObject); v.Is(syntax.KMemberExpression) && o.Is(syntax.KIdentifier) && startsUpper(o.Text()) {
			return true // status: RunStatus.PENDING, an enum member
		}
	}
	return a.SQL != nil && len(a.SQL.WhereCols) > 1
}

// idempotencyOptions are the option and header names with which a client
// gives a request an idempotency key (Stripe's { idempotencyKey }, the
// Idempotency-Key header): the service applies a repeated request once.
var idempotencyOptions = map[string]bool{
	"idempotencyKey": true, "idempotency_key": true, "Idempotency-Key": true, "idempotency-key": true,
}

// HasIdempotencyKey reports a call given an idempotency key in an object
// argument (also nested, as in { headers: { "Idempotency-Key": k } }).
func HasIdempotencyKey(call syntax.Node) bool {
	found := false
	for _, a := range Args(call) {
		a.Walk(func(n syntax.Node) bool {
			if found || n.Is(syntax.KArrowFunction, syntax.KFunctionExpression) {
				return false
			}
			switch {
			case n.Is(syntax.KPair):
				found = idempotencyOptions[strings.Trim(n.Child(syntax.FKey).Text(), "\"'`")]
			case n.Is(syntax.KShorthandPropertyIdentifier):
				found = idempotencyOptions[n.Text()]
			}
			return !found
		})
	}
	return found
}

// --- SQL text ---

// sqlMethods run SQL text: pg, mysql2, sqlite, pg-promise, sequelize,
// typeorm, knex.raw, prisma raw queries, postgres.js unsafe.
var sqlMethods = map[string]bool{
	"query": true, "execute": true, "run": true, "all": true, "get": true, "one": true,
	"oneOrNone": true, "many": true, "manyOrNone": true, "any": true, "none": true,
	"result": true, "raw": true, "$queryRaw": true, "$executeRaw": true,
	"$queryRawUnsafe": true, "$executeRawUnsafe": true, "unsafe": true, "exec": true,
	"maybeOne": true, "maybeOneFirst": true, "oneFirst": true, "manyFirst": true,
}

// SQLOf returns the SQL text a call sends and the node holding its
// parameters (an array, or the tagged template), when the call runs SQL.
func SQLOf(call syntax.Node, env Env) (text string, params []syntax.Node, ok bool) {
	fn := call.Child(syntax.FFunction).Unparen()
	args := Args(call)
	// postgres.js: await sql`SELECT ...`
	if fn.Is(syntax.KIdentifier) && call.Child(syntax.FArguments).Is(syntax.KTemplateString) {
		p := call.Parent()
		for p.Is(syntax.KParenthesizedExpression) {
			p = p.Parent()
		}
		if !p.Is(syntax.KAwaitExpression, syntax.KReturnStatement) {
			return "", nil, false
		}
		t, _ := sqltext.FromNode(args[0])
		return t, substitutions(args[0]), sqltext.LooksLikeSQL(t)
	}
	method := Method(call)
	if !sqlMethods[method] {
		return "", nil, false
	}
	return sqlArgs(call, env, method)
}

// sqlArgs reads the SQL text and parameters of a call that runs SQL given
// as its first argument (or by the statement it was prepared from).
func sqlArgs(call syntax.Node, env Env, method string) (text string, params []syntax.Node, ok bool) {
	args := Args(call)
	// better-sqlite3: db.prepare(sql).run(a, b)
	if recv := Receiver(call).Unparen(); recv.Is(syntax.KCallExpression) {
		if m := Method(recv); m == "prepare" {
			if ra := Args(recv); len(ra) > 0 {
				if t, ok := sqlText(ra[0], env); ok {
					return t, args, true
				}
			}
		}
	}
	if len(args) == 0 {
		return "", nil, false
	}
	first := args[0].Unparen()
	if first.Is(syntax.KTemplateString) && call.Child(syntax.FArguments).Is(syntax.KTemplateString) {
		t, _ := sqltext.FromNode(first)
		return t, substitutions(first), sqltext.LooksLikeSQL(t)
	}
	if first.Is(syntax.KObject) { // pg query config { text, values }
		t, ok := sqlText(ObjectProp(first, "text"), env)
		if !ok {
			t, ok = sqlText(ObjectProp(first, "sql"), env)
		}
		if !ok {
			return "", nil, false
		}
		return t, arrayElems(ObjectProp(first, "values")), true
	}
	t, ok := sqlText(first, env)
	if !ok {
		return "", nil, false
	}
	if first.Is(syntax.KCallExpression) { // db.query(sql`...`)
		return t, substitutions(first.Child(syntax.FArguments)), true
	}
	if len(args) > 1 {
		a := args[1].Unparen()
		if a.Is(syntax.KObject) { // sequelize { replacements, bind }
			if r := ObjectProp(a, "replacements"); !r.IsNil() {
				a = r.Unparen()
			} else if b := ObjectProp(a, "bind"); !b.IsNil() {
				a = b.Unparen()
			} else if v := ObjectProp(a, "values"); !v.IsNil() {
				a = v.Unparen()
			}
		}
		if a.Is(syntax.KArray) {
			return t, a.NamedChildren(), true
		}
		if method == "$queryRawUnsafe" || method == "$executeRawUnsafe" || method == "run" || method == "get" || method == "all" {
			return t, args[1:], true
		}
	}
	return t, nil, true
}

func sqlText(n syntax.Node, env Env) (string, bool) {
	n = n.Unparen()
	if n.Is(syntax.KIdentifier) && env != nil {
		if init := env.Init(n); !init.IsNil() {
			n = init.Unparen()
		}
	}
	if n.Is(syntax.KCallExpression) && !n.Child(syntax.FArguments).Is(syntax.KTemplateString) {
		return "", false
	}
	t, ok := sqltext.FromNode(n)
	if !ok || !sqltext.LooksLikeSQL(t) {
		return "", false
	}
	return t, true
}

func substitutions(tpl syntax.Node) []syntax.Node {
	var out []syntax.Node
	for c := tpl.FirstChild(); !c.IsNil(); c = c.NextSibling() {
		if c.Is(syntax.KTemplateSubstitution) {
			out = append(out, c.NamedChild(0))
		}
	}
	return out
}

func arrayElems(n syntax.Node) []syntax.Node {
	if n = n.Unparen(); n.Is(syntax.KArray) {
		return n.NamedChildren()
	}
	return nil
}

func sqlAccess(call syntax.Node, env Env) (Access, bool) {
	text, params, ok := SQLOf(call, env)
	if !ok {
		return Access{}, false
	}
	return sqlStmtAccess(text, params), true
}

// sqlStmtAccess describes what one SQL statement does, with its parameter
// nodes paired with the columns they are compared with or written to.
func sqlStmtAccess(text string, params []syntax.Node) Access {
	st := sqltext.Parse(text)
	a := Access{Kind: StoreSQL, SQL: &st, Resource: st.Table}
	for _, fn := range st.Advisory {
		if AdvisoryKind(fn) == "xact" && !strings.Contains(fn, "try") && st.Table == "" {
			a.Op, a.TxLock, a.Keys = OpRead, true, params
			return a
		}
	}
	param := func(p sqltext.Param) syntax.Node {
		if p.Index >= 0 && p.Index < len(params) {
			return params[p.Index]
		}
		return syntax.Node{}
	}
	where := st.ParamsIn("where")
	if len(where) == len(st.WhereCols) {
		for i, c := range st.WhereCols {
			a.Where = append(a.Where, Field{Name: c, Value: param(where[i])})
		}
	} else {
		for _, c := range st.WhereCols {
			a.Where = append(a.Where, Field{Name: c, Literal: st.WhereLits[c]})
		}
		for _, p := range where {
			if v := param(p); !v.IsNil() {
				a.Keys = append(a.Keys, v)
			}
		}
	}
	switch st.Verb {
	case "SELECT":
		a.Op = OpRead
		a.Locking = st.Locks()
		if st.Modifies {
			a.Op, a.Locking = OpUpdate, false
		}
	case "UPDATE":
		a.Op = OpUpdate
		set := st.ParamsIn("set")
		si := 0
		for i, c := range st.SetCols {
			f := Field{Name: c}
			for _, r := range st.RelCols {
				f.Relative = f.Relative || r == c
			}
			if i < len(st.SetExprs) {
				e := strings.TrimSpace(st.SetExprs[i])
				switch {
				case sqltext.IsConstant(e):
					f.Literal = e
					if !strings.HasPrefix(e, "'") {
						f.Literal = strings.ToLower(e)
					}
				case (e == "?" || e == "$?" || strings.HasPrefix(e, "$")) && si < len(set):
					f.Value = param(set[si])
				default:
					f.SQLExpr = e
				}
				for j := 0; j < len(e); j++ {
					if e[j] == '?' || e[j] == '$' {
						si++
						break
					}
				}
			} else if len(set) == len(st.SetCols) {
				f.Value = param(set[i])
			}
			a.Data = append(a.Data, f)
		}
		a.Relative = len(st.RelCols) > 0
	case "INSERT", "REPLACE", "MERGE", "UPSERT":
		a.Op = OpInsert
		vals := st.ParamsIn("values")
		for i, p := range vals {
			f := Field{Value: param(p)}
			if len(vals) == len(st.InsertCols) {
				f.Name = st.InsertCols[i]
			}
			a.Data = append(a.Data, f)
		}
		if st.OnConflict || st.Verb != "INSERT" {
			a.Op, a.Atomic = OpUpsert, true
		}
	case "DELETE":
		a.Op = OpDelete
	}
	return a
}

// --- Prisma ---

var prismaMethods = map[string]Op{
	"findUnique": OpRead, "findUniqueOrThrow": OpRead, "findFirst": OpRead, "findFirstOrThrow": OpRead,
	"findMany": OpRead, "count": OpRead, "aggregate": OpRead, "groupBy": OpRead,
	"create": OpInsert, "createMany": OpInsert, "createManyAndReturn": OpInsert,
	"update": OpUpdate, "updateMany": OpUpdate, "updateManyAndReturn": OpUpdate,
	"upsert": OpUpsert, "delete": OpDelete, "deleteMany": OpDelete,
}

var prismaArgKeys = map[string]bool{
	"where": true, "data": true, "select": true, "include": true, "orderBy": true, "skip": true,
	"take": true, "cursor": true, "distinct": true, "create": true, "update": true, "omit": true,
	"skipDuplicates": true, "_count": true, "_sum": true, "_avg": true, "_min": true, "_max": true, "by": true,
	"relationLoadStrategy": true, "having": true,
}

func prismaAccess(call syntax.Node, env Env) (Access, bool) {
	chain, method := Callee(call)
	op, ok := prismaMethods[method]
	if !ok || len(chain) < 2 {
		return Access{}, false
	}
	args := Args(call)
	var arg syntax.Node
	if len(args) > 0 {
		arg = args[0].Unparen()
		if !arg.Is(syntax.KObject) {
			return Access{}, false
		}
		for _, k := range objectKeys(arg) {
			if !prismaArgKeys[k] {
				return Access{}, false
			}
		}
	}
	distinct := strings.HasPrefix(method, "findUnique") || strings.HasPrefix(method, "findFirst") ||
		method == "findMany" || strings.HasSuffix(method, "Many") || method == "upsert" || strings.HasPrefix(method, "createMany")
	switch {
	case distinct:
	case op == OpUpdate && (ObjectProp(arg, "where").IsNil() || ObjectProp(arg, "data").IsNil()):
		return Access{}, false
	case op == OpInsert && ObjectProp(arg, "data").IsNil():
		return Access{}, false
	case op == OpDelete && ObjectProp(arg, "where").IsNil():
		return Access{}, false
	case op == OpRead && arg.IsNil() && method != "count":
		return Access{}, false
	}
	a := Access{Kind: StorePrisma, Op: op, Resource: chain[len(chain)-1]}
	a.Where = objectFields(heldObject(ObjectProp(arg, "where"), env))
	if op == OpUpsert {
		a.Atomic = true
		a.Data = objectFields(heldObject(ObjectProp(arg, "create"), env))
	} else {
		a.Data = objectFields(heldObject(ObjectProp(arg, "data"), env))
	}
	for i, d := range a.Data {
		if v := d.Value.Unparen(); v.Is(syntax.KObject) {
			for _, k := range objectKeys(v) {
				if k == "increment" || k == "decrement" || k == "multiply" || k == "divide" {
					a.Relative = true
					a.Data[i].Relative = true
				}
			}
		}
	}
	a.ThrowsIfMissing = method == "update" || method == "delete"
	a.UniqueLookup = strings.HasPrefix(method, "findUnique")
	return a, true
}

// PrismaRelationMatch returns the conditions of a Prisma relation filter
// that some related record must meet (members: { some: { userId } }, or
// owner: { is: { id } }), and false for any other filter value, including
// every, none and isNot, which a new related record cannot satisfy alone.
func PrismaRelationMatch(filter syntax.Node) ([]Field, bool) {
	fs := objectFields(filter)
	if len(fs) != 1 || fs[0].Name != "some" && fs[0].Name != "is" {
		return nil, false
	}
	inner := objectFields(fs[0].Value)
	return inner, len(inner) > 0
}

// PrismaNestedCreates returns the related records a Prisma data field
// creates: members: { create: { ... } }, members: { create: [{ ... }] } or
// members: { createMany: { data: [{ ... }] } }, each as its fields.
func PrismaNestedCreates(data syntax.Node) [][]Field {
	var out [][]Field
	add := func(v syntax.Node) {
		v = v.Unparen()
		switch {
		case v.Is(syntax.KObject):
			out = append(out, objectFields(v))
		case v.Is(syntax.KArray):
			for _, e := range v.NamedChildren() {
				if e.Unparen().Is(syntax.KObject) {
					out = append(out, objectFields(e))
				}
			}
		}
	}
	add(ObjectProp(data, "create"))
	add(ObjectProp(ObjectProp(data, "createMany"), "data"))
	return out
}

// --- query builders: knex, drizzle, typeorm createQueryBuilder ---

type link struct {
	method string
	args   []syntax.Node
	node   syntax.Node
}

// callChain flattens a.b(x).c(y).d(z) into its calls, innermost first. The
// root is the first call: knex("t") gives method "knex".
func callChain(call syntax.Node) []link {
	var out []link
	for n := call.Unparen(); n.Is(syntax.KCallExpression); {
		fn := n.Child(syntax.FFunction).Unparen()
		l := link{args: Args(n), node: n}
		switch {
		case fn.Is(syntax.KMemberExpression):
			l.method = fn.Child(syntax.FProperty).Text()
			out = append(out, l)
			n = fn.Child(syntax.FObject).Unparen()
			if n.Is(syntax.KAwaitExpression) {
				n = n.NamedChild(0).Unparen()
			}
			continue
		case fn.Is(syntax.KIdentifier):
			l.method = fn.Text()
			out = append(out, l)
		}
		break
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

var knexVerbs = map[string]Op{
	"first": OpRead, "select": OpRead, "pluck": OpRead, "count": OpRead, "where": OpRead, "andWhere": OpRead,
	"whereIn": OpRead, "forUpdate": OpRead, "forShare": OpRead, "forNoKeyUpdate": OpRead, "for": OpRead,
	"update": OpUpdate, "insert": OpInsert, "del": OpDelete, "delete": OpDelete,
	"increment": OpIncr, "decrement": OpIncr, "upsert": OpUpsert, "merge": OpUpsert, "ignore": OpUpsert,
	"getOne": OpRead, "getMany": OpRead, "getRawOne": OpRead, "getRawMany": OpRead, "getCount": OpRead,
	"getExists": OpRead, "getOneOrFail": OpRead, "getManyAndCount": OpRead,
	"execute": OpNone, "returning": OpNone, "limit": OpRead, "orderBy": OpRead,
	// kysely
	"executeTakeFirst": OpNone, "executeTakeFirstOrThrow": OpNone,
	// supabase-js (PostgREST filters and modifiers)
	"eq": OpRead, "neq": OpRead, "match": OpRead, "single": OpRead, "maybeSingle": OpRead,
	"gt": OpRead, "gte": OpRead, "lt": OpRead, "lte": OpRead, "is": OpRead, "like": OpRead, "ilike": OpRead,
}

// rootOps are the first calls of query builders that say what the query
// does: kysely db.insertInto("t"), db.updateTable("t"), db.deleteFrom("t").
var rootOps = map[string]Op{"selectFrom": OpRead, "insertInto": OpInsert, "updateTable": OpUpdate, "deleteFrom": OpDelete}

func builderAccess(call syntax.Node, _ Env) (Access, bool) {
	links := callChain(call)
	if len(links) < 2 {
		return Access{}, false
	}
	outer := links[len(links)-1].method
	if _, ok := knexVerbs[outer]; !ok && outer != "then" {
		return Access{}, false
	}
	a := Access{Kind: StoreBuilder, Op: OpRead}
	root := links[0]
	typeorm, drizzle, knex := false, false, false
	for _, l := range links {
		if l.method == "createQueryBuilder" {
			typeorm = true
		}
	}
	switch {
	case typeorm:
	case root.method != "" && len(root.args) > 0 && isStringLiteral(root.args[0]):
		knex = true // knex("users")
		a.Resource = stringLiteral(root.args[0])
	default:
		for _, l := range links {
			switch l.method {
			case "from", "table", "into":
				if len(l.args) > 0 && isStringLiteral(l.args[0]) {
					knex = true
					a.Resource = stringLiteral(l.args[0])
				}
			}
		}
		r := root.node.Child(syntax.FFunction).Unparen()
		if !knex && r.Is(syntax.KMemberExpression) {
			switch root.method {
			case "select", "selectDistinct", "update", "insert", "delete":
				drizzle = true
			}
		}
	}
	if !typeorm && !drizzle && !knex {
		return Access{}, false
	}
	if op, ok := rootOps[root.method]; ok && knex {
		a.Op = op
	}
	for i, l := range links {
		switch l.method {
		case "eq", "neq", "match", "gt", "gte", "lt", "lte", "is", "like", "ilike":
			a.Where = append(a.Where, postgrestFilter(l)...)
		case "onConflict":
			if a.Op == OpInsert {
				a.Op, a.Atomic = OpUpsert, true // kysely .onConflict(oc => oc.doNothing())
			}
		case "where", "andWhere", "orWhere", "whereNot", "whereIn", "whereNull", "whereNotNull", "andWhereNot", "whereNotIn":
			a.Where = append(a.Where, builderWhere(l, typeorm, drizzle)...)
		case "forUpdate", "forShare", "forNoKeyUpdate", "forKeyShare", "forUpdateSkipLocked":
			a.Locking = true
		case "for":
			if len(l.args) > 0 && isStringLiteral(l.args[0]) && strings.Contains(stringLiteral(l.args[0]), "update") || len(l.args) > 0 && strings.Contains(stringLiteral(l.args[0]), "share") {
				a.Locking = true
			}
		case "setLock":
			if len(l.args) > 0 && strings.HasPrefix(stringLiteral(l.args[0]), "pessimistic") || len(l.args) > 0 && strings.HasPrefix(stringLiteral(l.args[0]), "for_") {
				a.Locking = true
			}
		case "transacting":
			if len(l.args) > 0 {
				a.TxArg = l.args[0]
			}
		case "update":
			a.Op = OpUpdate
			if drizzle && i == 0 || typeorm {
				if len(l.args) > 0 && a.Resource == "" {
					a.Resource = l.args[0].Text()
				}
			} else if len(l.args) > 0 {
				if o := l.args[0].Unparen(); o.Is(syntax.KObject) {
					a.Data = append(a.Data, objectFields(o)...)
				} else if len(l.args) > 1 && isStringLiteral(l.args[0]) {
					a.Data = append(a.Data, Field{Name: stringLiteral(l.args[0]), Value: l.args[1]})
				}
			}
		case "set", "values":
			if len(l.args) > 0 {
				a.Data = append(a.Data, objectFields(l.args[0].Unparen())...)
			}
			if l.method == "values" && a.Op == OpRead {
				a.Op = OpInsert
			}
		case "insert":
			a.Op = OpInsert
			if drizzle && i == 0 {
				if len(l.args) > 0 {
					a.Resource = l.args[0].Text()
				}
			} else if len(l.args) > 0 {
				a.Data = append(a.Data, objectFields(l.args[0].Unparen())...)
			}
		case "del", "delete":
			a.Op = OpDelete
			if drizzle && i == 0 && len(l.args) > 0 {
				a.Resource = l.args[0].Text()
			}
		case "increment", "decrement":
			a.Op, a.Relative = OpIncr, true
			if len(l.args) > 0 && isStringLiteral(l.args[0]) {
				a.Data = append(a.Data, Field{Name: stringLiteral(l.args[0]), Relative: true})
			}
			if len(l.args) > 0 {
				for _, f := range objectFields(l.args[0].Unparen()) {
					f.Relative = true
					a.Data = append(a.Data, f)
				}
			}
		case "merge", "ignore", "onConflictDoUpdate", "onConflictDoNothing", "orUpdate", "orIgnore", "onDuplicateKeyUpdate", "upsert":
			a.Op, a.Atomic = OpUpsert, true
		case "from":
			if drizzle && len(l.args) > 0 {
				a.Resource = l.args[0].Text()
			}
		case "getRepository":
			if len(l.args) > 0 {
				a.Resource = l.args[0].Text()
			}
		}
	}
	if a.Op != OpRead {
		a.Locking = false
	}
	return a, true
}

// postgrestFilter reads a supabase-js filter: .eq("col", v), .match({ a, b }),
// .gt("col", v) (a condition).
func postgrestFilter(l link) []Field {
	if len(l.args) == 0 {
		return nil
	}
	if l.method == "match" {
		return objectFields(l.args[0].Unparen())
	}
	if len(l.args) < 2 || !isStringLiteral(l.args[0]) {
		return nil
	}
	return []Field{{Name: stringLiteral(l.args[0]), Value: l.args[1], Cond: l.method != "eq"}}
}

// builderWhere reads one where(...) of a query builder.
func builderWhere(l link, typeorm, drizzle bool) []Field {
	cond := strings.HasPrefix(l.method, "or") || strings.Contains(l.method, "Not") || strings.Contains(l.method, "Null") || strings.Contains(l.method, "In")
	if len(l.args) == 0 {
		return nil
	}
	a0 := l.args[0].Unparen()
	switch {
	case typeorm:
		s, ok := sqltext.FromNode(a0)
		if !ok {
			return nil
		}
		st := sqltext.Parse("SELECT * FROM t WHERE " + s)
		var out []Field
		var vals []Field
		if len(l.args) > 1 {
			vals = objectFields(l.args[1].Unparen())
		}
		for _, c := range st.WhereCols {
			f := Field{Name: c, Cond: cond}
			for _, v := range vals {
				if strings.EqualFold(v.Name, c) {
					f.Value = v.Value
				}
			}
			out = append(out, f)
		}
		for _, v := range vals {
			out = append(out, Field{Value: v.Value})
		}
		if len(st.WhereCols) == 0 || strings.Contains(strings.ToLower(s), " is ") || strings.ContainsAny(s, "<>") {
			for i := range out {
				if out[i].Name != "" && !strings.Contains(s, out[i].Name+" =") {
					out[i].Cond = true
				}
			}
		}
		return out
	case drizzle:
		return drizzleCond(a0, cond)
	}
	// knex
	switch {
	case a0.Is(syntax.KObject):
		fs := objectFields(a0)
		for i := range fs {
			fs[i].Cond = cond
		}
		return fs
	case isStringLiteral(a0) && len(l.args) == 2:
		return []Field{{Name: stringLiteral(a0), Value: l.args[1], Cond: cond}}
	case isStringLiteral(a0) && len(l.args) == 3:
		op := stringLiteral(l.args[1])
		return []Field{{Name: stringLiteral(a0), Value: l.args[2], Cond: cond || op != "="}}
	case isStringLiteral(a0):
		return []Field{{Name: stringLiteral(a0), Cond: true}}
	}
	return nil
}

// preparedRuns are the methods that run a prepared statement (drizzle's
// prepare() results, better-sqlite3's and node:sqlite's statements).
var preparedRuns = storeNames("execute", "all", "get", "run", "values", "iterate")

// RunsPrepared reports a method that runs a prepared statement.
func RunsPrepared(m string) bool { return preparedRuns[m] }

// drizzleQueryKeys are the options of drizzle's relational queries.
var drizzleQueryKeys = storeNames("where", "with", "columns", "orderBy", "limit", "offset", "extras")

// drizzleQueryAccess classifies drizzle's relational queries:
// db.query.users.findMany({ where: eq(users.teamId, id), with: { posts: true } })
// and findFirst, reads of the table named before the method. Their where
// is a drizzle condition (or a callback, whose fields are not read).
func drizzleQueryAccess(call syntax.Node, _ Env) (Access, bool) {
	chain, method := Callee(call)
	if method != "findMany" && method != "findFirst" || len(chain) < 2 || chain[len(chain)-2] != "query" {
		return Access{}, false
	}
	args := Args(call)
	var arg syntax.Node
	if len(args) > 0 {
		if arg = args[0].Unparen(); !arg.Is(syntax.KObject) {
			return Access{}, false
		}
		for _, k := range objectKeys(arg) {
			if !drizzleQueryKeys[k] {
				return Access{}, false
			}
		}
	}
	a := Access{Kind: StoreBuilder, Op: OpRead, Resource: chain[len(chain)-1], Method: method}
	if w := ObjectProp(arg, "where"); !w.IsNil() {
		a.Where = drizzleCond(w, false)
	}
	return a, true
}

// drizzleCond reads eq(t.col, v), and(...), or(...), gt(...) ...
func drizzleCond(n syntax.Node, cond bool) []Field {
	n = n.Unparen()
	if !n.Is(syntax.KCallExpression) {
		return nil
	}
	m := Method(n)
	args := Args(n)
	switch m {
	case "and":
		var out []Field
		for _, a := range args {
			out = append(out, drizzleCond(a, cond)...)
		}
		return out
	case "or", "not":
		var out []Field
		for _, a := range args {
			out = append(out, drizzleCond(a, true)...)
		}
		return out
	case "eq":
		if len(args) == 2 {
			return []Field{{Name: memberName(args[0]), Value: args[1], Cond: cond}}
		}
	case "ne", "gt", "gte", "lt", "lte", "isNull", "isNotNull", "inArray", "notInArray", "like", "ilike", "between":
		f := Field{Name: memberName(args[0]), Cond: true}
		if len(args) > 1 {
			f.Value = args[1]
		}
		return []Field{f}
	}
	return nil
}

func memberName(n syntax.Node) string {
	n = n.Unparen()
	if n.Is(syntax.KMemberExpression) {
		return n.Child(syntax.FProperty).Text()
	}
	return n.Text()
}

// --- redis ---

var redisReads = storeNames("get", "mget", "hget", "hmget", "hgetall", "hkeys", "hvals", "hexists", "hlen",
	"exists", "sismember", "smismember", "smembers", "scard", "srandmember", "zscore", "zmscore",
	"zrank", "zrevrank", "zrange", "zrevrange", "zrangebyscore", "zrevrangebyscore", "zcard", "zcount",
	"llen", "lrange", "lindex", "ttl", "pttl", "strlen", "getbit", "getrange", "bitcount",
	"xlen", "xrange", "pfcount", "type")

var redisWrites = storeNames("set", "mset", "hset", "hmset", "setex", "psetex", "setrange", "append", "del",
	"unlink", "hdel", "sadd", "srem", "smove", "zadd", "zrem", "zremrangebyscore", "zremrangebyrank",
	"lpush", "rpush", "lpushx", "rpushx", "lset", "lrem", "ltrim", "linsert", "expire", "pexpire",
	"expireat", "pexpireat", "persist", "rename", "xadd", "pfadd", "setbit")

var redisAtomic = storeNames("incr", "decr", "incrby", "decrby", "incrbyfloat", "hincrby", "hincrbyfloat",
	"zincrby", "setnx", "hsetnx", "msetnx", "getset", "getdel", "getex", "lpop", "rpop", "spop",
	"blpop", "brpop", "lmove", "blmove", "rpoplpush", "brpoplpush", "eval", "evalsha", "fcall", "zpopmin", "zpopmax")

// redisHashOps take a field after the key.
var redisHashOps = storeNames("hget", "hset", "hexists", "hdel", "hincrby", "hincrbyfloat", "hsetnx", "sismember", "zscore", "zincrby")

var redisModules = storeNames("ioredis", "redis", "@redis/client", "@upstash/redis", "redis-mock", "ioredis-mock")

// IsRedisClient reports whether a call's receiver looks like a redis
// client: named so, constructed by new Redis()/createClient(), or imported
// from a redis package.
func IsRedisClient(call syntax.Node, env Env) bool {
	recv := Receiver(call).Unparen()
	if recv.IsNil() {
		return false
	}
	if strings.Contains(strings.ToLower(recv.Text()), "redis") {
		return true
	}
	root := recv
	for root.Is(syntax.KMemberExpression) {
		root = root.Child(syntax.FObject).Unparen()
	}
	if env == nil || !root.Is(syntax.KIdentifier) {
		return false
	}
	if redisModules[env.ImportSpec(call)] {
		return true
	}
	init := env.Init(root).Unparen()
	if init.Is(syntax.KAwaitExpression) {
		init = init.NamedChild(0).Unparen()
	}
	switch {
	case init.Is(syntax.KNewExpression):
		return strings.Contains(strings.ToLower(init.Child(syntax.FConstructor).Text()), "redis")
	case init.Is(syntax.KCallExpression):
		m := Method(init)
		return m == "createClient" || m == "createCluster" || strings.Contains(strings.ToLower(m), "redis")
	}
	return false
}

func redisAccess(call syntax.Node, env Env) (Access, bool) {
	method := Method(call)
	m := strings.ToLower(method)
	if !redisReads[m] && !redisWrites[m] && !redisAtomic[m] {
		return Access{}, false
	}
	if !IsRedisClient(call, env) {
		return Access{}, false
	}
	args := Args(call)
	a := Access{Kind: StoreRedis, Resource: "redis", WholeValue: true}
	if len(args) > 0 && m != "eval" && m != "evalsha" && m != "fcall" {
		a.Keys = []syntax.Node{args[0]}
	}
	vals := args
	if len(vals) > 0 {
		vals = vals[1:]
	}
	if redisHashOps[m] && len(args) > 1 {
		if redisReads[m] {
			a.Field = stringLiteral(args[1])
			a.Keys = append(a.Keys, args[1])
		} else {
			a.Data = []Field{{Name: stringLiteral(args[1]), Relative: redisAtomic[m]}}
			if len(args) > 2 {
				a.Data[0].Value = args[2]
			}
		}
	}
	switch {
	case redisReads[m]:
		a.Op = OpRead
	case redisAtomic[m]:
		a.Op, a.Atomic, a.Relative = OpIncr, true, true
	case m == "del" || m == "unlink" || m == "hdel" || m == "srem" || m == "zrem":
		a.Op = OpDelete
	default:
		a.Op = OpUpdate
		if m == "set" {
			for _, v := range vals {
				s := strings.ToUpper(stringLiteral(v))
				if s == "NX" || s == "XX" {
					a.Atomic = true
				}
				if o := v.Unparen(); o.Is(syntax.KObject) {
					for _, k := range objectKeys(o) {
						if strings.EqualFold(k, "NX") || strings.EqualFold(k, "XX") {
							a.Atomic = true
						}
					}
				}
			}
		}
		switch {
		case redisExpiry[m]:
			// EXPIRE key ttl changes the key's expiry, not its value; two
			// callers setting the same window from now agree.
			a.WholeValue = false
			a.Data = []Field{{Name: "ttl", Converges: true}}
			if len(vals) > 0 {
				a.Data[0].Value = vals[0]
			}
		case !redisHashOps[m] && len(vals) > 0:
			a.Data = []Field{{Name: "*", Value: vals[0]}}
		}
	}
	if m == "ttl" || m == "pttl" {
		a.WholeValue, a.Field = false, "ttl" // the key's remaining time, not its value
	}
	return a, true
}

// redisExpiry set or clear a key's time to live.
var redisExpiry = storeNames("expire", "pexpire", "expireat", "pexpireat", "persist")

// --- DynamoDB ---

var dynamoOps = map[string]Op{
	"get": OpRead, "getItem": OpRead, "query": OpRead, "batchGet": OpRead,
	"put": OpInsert, "putItem": OpInsert, "update": OpUpdate, "updateItem": OpUpdate,
	"delete": OpDelete, "deleteItem": OpDelete,
	"GetCommand": OpRead, "GetItemCommand": OpRead, "PutCommand": OpInsert, "PutItemCommand": OpInsert,
	"UpdateCommand": OpUpdate, "UpdateItemCommand": OpUpdate, "DeleteCommand": OpDelete, "DeleteItemCommand": OpDelete,
}

func dynamoAccess(call syntax.Node, _ Env) (Access, bool) {
	method := Method(call)
	args := Args(call)
	if method == "promise" { // v2 SDK: ddb.get(params).promise()
		if r := Receiver(call).Unparen(); r.Is(syntax.KCallExpression) {
			call = r
			method = Method(call)
			args = Args(call)
		}
	}
	var params syntax.Node
	op, ok := dynamoOps[method]
	if method == "send" && len(args) > 0 {
		if nw := args[0].Unparen(); nw.Is(syntax.KNewExpression) {
			op, ok = dynamoOps[nw.Child(syntax.FConstructor).Text()]
			if a := nw.Child(syntax.FArguments); !a.IsNil() {
				params = a.NamedChild(0).Unparen()
			}
		}
	} else if len(args) > 0 {
		params = args[0].Unparen()
	}
	if !ok || !params.Is(syntax.KObject) || ObjectProp(params, "TableName").IsNil() {
		return Access{}, false
	}
	a := Access{Kind: StoreDynamo, Op: op, Resource: stringLiteral(ObjectProp(params, "TableName"))}
	a.Where = objectFields(ObjectProp(params, "Key").Unparen())
	if a.Op == OpInsert {
		a.Data = objectFields(ObjectProp(params, "Item").Unparen())
	}
	if !ObjectProp(params, "ConditionExpression").IsNil() {
		a.Atomic = true
		a.ThrowsIfMissing = true
	}
	if a.Op == OpInsert && !a.Atomic {
		a.Op = OpUpdate // PutItem replaces the item
		a.WholeValue = true
	}
	return a, true
}

// --- object-shaped ORMs and services ---

var ormOps = map[string]Op{
	"findOne": OpRead, "findOneBy": OpRead, "findOneOrFail": OpRead, "findOneByOrFail": OpRead,
	"findByPk": OpRead, "findById": OpRead, "find": OpRead, "findAll": OpRead, "findBy": OpRead,
	"findAndCount": OpRead, "findAndCountAll": OpRead, "count": OpRead, "countBy": OpRead,
	"countDocuments": OpRead, "exists": OpRead, "exist": OpRead, "existsBy": OpRead, "findByIds": OpRead,
	"retrieve": OpRead,
	"update":   OpUpdate, "updateOne": OpUpdate, "updateMany": OpUpdate, "replaceOne": OpUpdate,
	"findOneAndUpdate": OpUpdate, "findByIdAndUpdate": OpUpdate, "findOneAndReplace": OpUpdate,
	"save": OpUpdate, "nativeUpdate": OpUpdate,
	"increment": OpIncr, "decrement": OpIncr,
	"upsert": OpUpsert, "findOrCreate": OpUpsert, "findOneOrCreate": OpUpsert,
	"create": OpInsert, "insert": OpInsert, "insertOne": OpInsert, "insertMany": OpInsert, "bulkCreate": OpInsert,
	"destroy": OpDelete, "delete": OpDelete, "deleteOne": OpDelete, "deleteMany": OpDelete, "remove": OpDelete,
	"findOneAndDelete": OpDelete, "findByIdAndDelete": OpDelete, "findOneAndRemove": OpDelete,
	"findByIdAndRemove": OpDelete, "softDelete": OpDelete, "softRemove": OpDelete, "nativeDelete": OpDelete,
}

// notStores are receivers whose methods of the same names are not store
// accesses.
var notStores = storeNames("Object", "Array", "Reflect", "Promise", "JSON", "Math", "Date", "console", "Buffer",
	"crypto", "hash", "hmac", "cipher", "decipher", "URLSearchParams", "searchParams", "params", "headers",
	"document", "window", "localStorage", "sessionStorage", "history", "navigator", "element", "el",
	"classList", "style", "dataset", "map", "cache", "set", "weakMap", "router", "app", "form", "formData",
	"chart", "editor", "selection", "path", "fs", "fsp", "fse", "url", "location", "process", "os",
	"emitter", "events", "socket", "io", "ws", "subscription", "timer", "queue", "jobs", "bar", "spinner")

// inMemory reports a receiver that is a variable holding an in-process
// container: a Map, Set, array or object created where it is declared.
func inMemory(recv syntax.Node, env Env) bool {
	if env == nil || !recv.Is(syntax.KIdentifier) {
		return false
	}
	init := env.Init(recv).Unparen()
	switch {
	case init.Is(syntax.KNewExpression):
		c := init.Child(syntax.FConstructor).Unparen().Text()
		return DataConstructors[c] || MemoryMaps[c]
	case init.Is(syntax.KArray):
		return true
	}
	return false
}

func ormAccess(call syntax.Node, env Env) (Access, bool) {
	chain, method := Callee(call)
	op, ok := ormOps[method]
	if !ok || len(chain) == 0 {
		return Access{}, false
	}
	recvName := chain[len(chain)-1]
	if notStores[recvName] || notStores[chain[0]] && len(chain) == 1 {
		return Access{}, false
	}
	recv := Receiver(call).Unparen()
	if inMemory(recv, env) {
		return Access{}, false // seen.delete(k) on a new Set(): memory of this process
	}
	args := Args(call)
	a := Access{Kind: StoreORM, Op: op, Resource: receiverResource(recv)}
	// TypeORM EntityManager / MikroORM: manager.findOne(User, { where })
	if len(args) > 0 {
		if id := args[0].Unparen(); id.Is(syntax.KIdentifier) && startsUpper(id.Text()) && looksLikeManager(recvName) {
			a.Resource = id.Text()
			args = args[1:]
		}
	}
	arg := func(i int) syntax.Node {
		if i < len(args) {
			return args[i].Unparen()
		}
		return syntax.Node{}
	}
	switch op {
	case OpRead:
		switch {
		case method == "findByPk" || method == "findById" || method == "retrieve" || method == "findByIds":
			if v := arg(0); !v.IsNil() {
				a.Where = []Field{{Name: "id", Value: v}}
			}
			a.Options = arg(1)
			if method == "findById" {
				a.Options = arg(2)
			}
		case arg(0).Is(syntax.KObject) && !ObjectProp(arg(0), "where").IsNil():
			a.Where = whereFields(ObjectProp(arg(0), "where"))
			a.Options = arg(0)
		case arg(0).Is(syntax.KObject):
			a.Where = whereFields(arg(0)) // mongo filter, findOneBy
			a.Options = arg(2)
		case !arg(0).IsNil():
			a.Keys = []syntax.Node{arg(0)}
		}
		a.Locking = lockOption(a.Options)
	case OpUpdate, OpIncr:
		switch {
		case method == "save" && len(args) == 0 || method == "save" && arg(0).Is(syntax.KObject) && recordLike(recv) && !isRepository(env, recv):
			a.Record = recv
		case method == "save":
			a.Record = arg(0)
			if arg(0).Is(syntax.KObject) {
				a.Data = objectFields(arg(0))
				a.Record = syntax.Node{}
				a.Op = OpInsert
			}
		case method == "update" && len(args) == 1 && arg(0).Is(syntax.KObject) && recordLike(recv) && !isRepository(env, recv):
			a.Record = recv // sequelize instance.update({...})
			a.Data = objectFields(arg(0))
		case (method == "increment" || method == "decrement") && recordLike(recv):
			a.Record = recv
			a.Data = fieldNames(arg(0))
		case method == "increment" || method == "decrement":
			if arg(1).Is(syntax.KObject) && !ObjectProp(arg(1), "where").IsNil() { // sequelize
				a.Where = whereFields(ObjectProp(arg(1), "where"))
				a.Data = fieldNames(arg(0))
			} else { // typeorm increment(criteria, "col", n)
				a.Where = criteria(arg(0))
				a.Data = fieldNames(arg(1))
			}
		case arg(1).Is(syntax.KObject) && !ObjectProp(arg(1), "where").IsNil(): // sequelize Model.update(values, { where })
			a.Where = whereFields(ObjectProp(arg(1), "where"))
			a.Data = objectFields(arg(0))
			a.Options = arg(1)
		case arg(0).Is(syntax.KObject) && (len(args) == 1 || contextArg(arg(1))) && !ObjectProp(arg(0), "id").IsNil():
			// service.update({ id, field: value }, sharedContext)
			for _, fl := range objectFields(arg(0)) {
				if fl.Name == "id" {
					a.Where = append(a.Where, fl)
				} else {
					a.Data = append(a.Data, fl)
				}
			}
		case len(args) == 1 && arg(0).Is(syntax.KObject):
			// update({ ... }) alone on something that is not a known record
			// (a Mongoose document's updateOne(update), a remote API's
			// service.update(spec)): the object is what is written; a
			// filter always comes with the values to write beside it.
			a.Data = objectFields(arg(0))
		default: // mongo updateOne(filter, update, opts), typeorm update(criteria, partial), service update(id, data)
			a.Where = criteria(arg(0))
			a.Data, a.Relative = updateDoc(arg(1))
			a.Options = arg(2)
			if o := a.Options; o.Is(syntax.KObject) {
				if u := ObjectProp(o, "upsert"); u.Is(syntax.KTrue) {
					a.Op, a.Atomic = OpUpsert, true
				}
			}
		}
		if op == OpIncr {
			a.Relative = true
		}
	case OpInsert:
		a.Data = objectFields(heldObject(arg(0), env))
		if arg(0).Is(syntax.KArray) {
			if first := arg(0).NamedChild(0).Unparen(); first.Is(syntax.KObject) {
				a.Data = objectFields(first)
			}
		}
		a.Options = arg(1)
		if o := a.Options; o.Is(syntax.KObject) && (ObjectProp(o, "ignoreDuplicates").Is(syntax.KTrue) || !ObjectProp(o, "updateOnDuplicate").IsNil()) {
			a.Op, a.Atomic = OpUpsert, true
		}
	case OpUpsert:
		a.Atomic = true
		if arg(0).Is(syntax.KObject) && !ObjectProp(arg(0), "where").IsNil() {
			a.Where = whereFields(ObjectProp(arg(0), "where"))
		}
	case OpDelete:
		switch {
		case len(args) == 0 && recordLike(recv):
			a.Record = recv
		case method == "remove" || method == "softRemove":
			a.Record = arg(0)
		case arg(0).Is(syntax.KObject) && !ObjectProp(arg(0), "where").IsNil():
			a.Where = whereFields(ObjectProp(arg(0), "where"))
		default:
			a.Where = criteria(arg(0))
		}
	}
	if o := a.Options; o.Is(syntax.KObject) {
		if t := ObjectProp(o, "transaction"); !t.IsNil() {
			a.TxArg = t
		} else if s := ObjectProp(o, "session"); !s.IsNil() {
			a.TxArg = s
		}
	}
	return a, true
}

// heldObject returns the object literal a variable holds when n names a
// const initialised with one (const data = { email }; create({ data })),
// else n.
func heldObject(n syntax.Node, env Env) syntax.Node {
	u := n.Unparen()
	if env == nil || !u.Is(syntax.KIdentifier, syntax.KShorthandPropertyIdentifier) {
		return n
	}
	if init := env.Init(u).Unparen(); init.Is(syntax.KObject) {
		return init
	}
	return n
}

// contextArg reports an argument that passes a request or transaction
// context rather than data (sharedContext, ctx, options).
func contextArg(n syntax.Node) bool {
	if !n.Is(syntax.KIdentifier, syntax.KMemberExpression) {
		return false
	}
	l := strings.ToLower(n.Text())
	for _, s := range []string{"context", "ctx", "options", "opts", "config", "manager"} {
		if strings.HasSuffix(l, s) {
			return true
		}
	}
	return false
}

// criteria reads a where/filter/id argument.
func criteria(n syntax.Node) []Field {
	n = n.Unparen()
	switch {
	case n.IsNil():
		return nil
	case n.Is(syntax.KObject):
		return whereFields(n)
	}
	return []Field{{Name: "id", Value: n}}
}

// whereFields reads a where object: { id, version: 3, stock: { gt: 0 } }.
func whereFields(n syntax.Node) []Field {
	fs := objectFields(n.Unparen())
	for i, f := range fs {
		v := f.Value.Unparen()
		switch {
		case strings.HasPrefix(f.Name, "$") || f.Name == "OR" || f.Name == "AND" || f.Name == "NOT":
			fs[i].Cond = true
		case v.Is(syntax.KObject):
			for _, k := range objectKeys(v) {
				if k != "equals" && k != "$eq" {
					fs[i].Cond = true
				}
			}
		case v.Is(syntax.KNull):
			fs[i].Cond = true
		case v.Is(syntax.KCallExpression):
			if m := Method(v); m == "In" || m == "Not" || m == "IsNull" || m == "MoreThan" || m == "LessThan" ||
				m == "MoreThanOrEqual" || m == "LessThanOrEqual" || m == "Between" || m == "Like" || m == "Any" {
				fs[i].Cond = true
			}
		}
	}
	return fs
}

// updateDoc reads a mongo update document or a plain partial record:
// { $set: { a }, $inc: { n: 1 } } or { a, b }.
func updateDoc(n syntax.Node) (fs []Field, relative bool) {
	n = n.Unparen()
	if !n.Is(syntax.KObject) {
		if !n.IsNil() {
			fs = append(fs, Field{Value: n})
		}
		return fs, false
	}
	for _, f := range objectFields(n) {
		if !strings.HasPrefix(f.Name, "$") {
			fs = append(fs, f)
			continue
		}
		rel, setOp := false, false
		switch f.Name {
		case "$inc", "$mul", "$min", "$max", "$push", "$pull", "$addToSet", "$pop", "$pullAll", "$bit":
			relative, rel = true, true
			setOp = f.Name == "$addToSet" || f.Name == "$pull" || f.Name == "$pullAll"
		}
		if v := f.Value.Unparen(); v.Is(syntax.KObject) {
			for _, g := range objectFields(v) {
				g.Relative, g.SetOp = rel, setOp
				fs = append(fs, g)
			}
		}
	}
	return fs, relative
}

func fieldNames(n syntax.Node) []Field {
	n = n.Unparen()
	switch {
	case isStringLiteral(n):
		return []Field{{Name: stringLiteral(n)}}
	case n.Is(syntax.KArray):
		var out []Field
		for _, e := range n.NamedChildren() {
			out = append(out, fieldNames(e)...)
		}
		return out
	case n.Is(syntax.KObject):
		return objectFields(n)
	}
	return nil
}

// lockOption reads sequelize { lock: true | t.LOCK.UPDATE } and typeorm
// { lock: { mode: "pessimistic_write" } }.
func lockOption(o syntax.Node) bool {
	if !o.Is(syntax.KObject) {
		return false
	}
	l := ObjectProp(o, "lock").Unparen()
	switch {
	case l.IsNil() || l.Is(syntax.KFalse):
		return false
	case l.Is(syntax.KObject):
		return strings.HasPrefix(stringLiteral(ObjectProp(l, "mode")), "pessimistic")
	}
	return true
}

// recordLike reports whether a receiver is a loaded record rather than a
// model or repository: a lower-case variable (user.save()) that is not
// named like a repository, model, service or client.
func isRepository(env Env, recv syntax.Node) bool { return env != nil && env.Repository(recv) }

func recordLike(recv syntax.Node) bool {
	recv = recv.Unparen()
	var name string
	switch {
	case recv.Is(syntax.KIdentifier):
		name = recv.Text()
	case recv.Is(syntax.KMemberExpression):
		name = recv.Child(syntax.FProperty).Text()
	case recv.Is(syntax.KSubscriptExpression):
		return true
	default:
		return false
	}
	if startsUpper(name) {
		return false
	}
	l := strings.Trim(strings.ToLower(name), "_$")
	for _, s := range []string{"repository", "repo", "model", "service", "manager", "client", "db", "collection", "store", "dao", "prisma", "knex", "sequelize", "mongoose", "connection", "conn", "pool", "tx", "trx", "em", "orm", "api", "query", "table", "entity"} {
		if strings.HasSuffix(l, s) || strings.HasPrefix(l, s) {
			return false
		}
	}
	return true
}

func looksLikeManager(name string) bool {
	l := strings.ToLower(name)
	return strings.HasSuffix(l, "manager") || l == "em" || strings.HasSuffix(l, "em") && len(l) <= 4 || l == "tx" || l == "trx"
}

// receiverResource names the table, model or collection a receiver stands
// for: db.collection("users") is "users", getRepository(User) is "User",
// this.userRepository is "userRepository", Tag is "Tag".
func receiverResource(recv syntax.Node) string {
	recv = recv.Unparen()
	switch {
	case recv.Is(syntax.KCallExpression):
		m := Method(recv)
		args := Args(recv)
		if len(args) > 0 {
			switch m {
			case "collection", "model", "getRepository", "getCustomRepository", "getMongoRepository", "getTreeRepository", "table", "from", "db", "withRepository":
				// getRepository(ctx, Product): the entity is the class argument.
				for _, a := range args {
					if isStringLiteral(a) {
						return stringLiteral(a)
					}
					if id := a.Unparen(); id.Is(syntax.KIdentifier) && startsUpper(id.Text()) {
						return id.Text()
					}
				}
				return args[0].Unparen().Text()
			}
		}
		return ""
	case recv.Is(syntax.KMemberExpression):
		return recv.Child(syntax.FProperty).Text()
	case recv.Is(syntax.KIdentifier):
		return recv.Text()
	}
	return ""
}

// --- HTTP ---

var httpModules = storeNames("axios", "node-fetch", "got", "ky", "undici", "cross-fetch", "isomorphic-fetch", "superagent")

func httpAccess(call syntax.Node, env Env) (Access, bool) {
	chain, method := Callee(call)
	args := Args(call)
	if len(args) == 0 {
		return Access{}, false
	}
	spec := ""
	if env != nil {
		spec = strings.TrimPrefix(env.ImportSpec(call), "node:")
	}
	verb := ""
	switch {
	case (len(chain) == 0 || len(chain) == 1 && globalObjects[chain[0]]) && method == "fetch" && (spec == "" || httpModules[spec]):
		verb = "GET"
		if len(args) > 1 {
			if o := args[1].Unparen(); o.Is(syntax.KObject) {
				if m := ObjectProp(o, "method"); !m.IsNil() {
					verb = strings.ToUpper(stringLiteral(m))
				}
			}
		}
	case len(chain) == 1 && httpModules[spec]:
		verb = strings.ToUpper(method)
	default:
		return Access{}, false
	}
	a := Access{Kind: StoreHTTP, Resource: "http", Keys: []syntax.Node{args[0]}, WholeValue: true}
	switch verb {
	case "GET", "HEAD":
		a.Op = OpRead
	case "PUT", "PATCH":
		a.Op = OpUpdate
		a.Data = []Field{{Name: "*"}}
	case "DELETE":
		a.Op = OpDelete
	case "POST":
		a.Op = OpInsert
	default:
		return Access{}, false
	}
	return a, true
}

// --- helpers known by name ---

// genericNouns say nothing about the record a helper touches.
var genericNouns = storeNames("", "one", "many", "all", "by", "item", "items", "data", "record", "records", "entity",
	"entities", "doc", "document", "row", "rows", "value", "values", "it", "first", "raw", "or", "and", "if", "with")

// HelperAccess classifies a call of an unknown helper by its name:
// getCredits(id) reads credits, setCredits(id, n) writes them, and
// incrX/incrementX update atomically. The resource is the noun after the
// verb, or the receiver's name when the noun says nothing.
func HelperAccess(call syntax.Node) (Access, bool) {
	chain, method := Callee(call)
	if method == "" {
		return Access{}, false
	}
	if len(chain) > 0 && (notStores[chain[len(chain)-1]] || notStores[chain[0]] && len(chain) == 1) {
		return Access{}, false
	}
	if IsSchemaChange(chain, method) {
		return Access{}, false
	}
	verb := firstWord(method)
	a := Access{Kind: StoreHelper, Named: true, WholeValue: true, Method: method}
	switch verb {
	case "incr", "decr", "increment", "decrement":
		a.Op, a.Atomic, a.Relative = OpIncr, true, true
	case "upsert":
		a.Op, a.Atomic = OpUpsert, true
	case "create", "insert", "add":
		a.Op = OpInsert
	case "delete", "remove", "destroy":
		a.Op = OpDelete
	default:
		switch Verb(method) {
		case Read:
			a.Op = OpRead
		case Write:
			a.Op = OpUpdate
		default:
			return Access{}, false
		}
	}
	noun := keyedNoun(HelperNoun(method))
	if genericNouns[strings.ToLower(noun)] {
		// getEntityOrThrow(ctx, ProductReview, id): the class argument.
		for _, x := range Args(call) {
			if id := x.Unparen(); id.Is(syntax.KIdentifier) && startsUpper(id.Text()) {
				noun = id.Text()
				break
			}
		}
	}
	if genericNouns[strings.ToLower(noun)] || strings.HasPrefix(noun, "By") {
		noun = ""
		if len(chain) > 0 {
			noun = chain[len(chain)-1]
			if noun == "this" {
				noun = ""
			}
		}
	}
	a.Resource = noun
	args := Args(call)
	a.Keys = args
	if a.Op == OpRead {
		// getObjectField(key, "field") returns one field.
		if strings.HasSuffix(method, "Field") || strings.HasSuffix(method, "Attribute") || strings.HasSuffix(method, "Property") {
			for _, x := range args[min(1, len(args)):] {
				if s := stringLiteral(x); identLike(s) {
					a.Field = s
					break
				}
			}
		}
		return a, true
	}
	for i := 0; i < len(args); i++ {
		x := args[i].Unparen()
		switch {
		case x.Is(syntax.KObject) && i == 0 && ObjectProp(x, "id").IsNil() && ObjectProp(x, "_id").IsNil():
			// updateNextReminder({ recipientId, sentAt }): an options
			// object, whose keys are parameters rather than fields. A record
			// with its id ({ id, app_metadata }) is data.
			for _, f := range objectFields(x) {
				a.Data = append(a.Data, Field{Value: f.Value})
			}
		case x.Is(syntax.KObject):
			a.Data = append(a.Data, objectFields(x)...)
		case isStringLiteral(x) && identLike(stringLiteral(x)) && i+1 < len(args) && i > 0:
			a.Data = append(a.Data, Field{Name: stringLiteral(x), Value: args[i+1], Relative: a.Op == OpIncr})
			i++
		case i == len(args)-1 && i > 0:
			// setBalance(id, value): the last argument is the noun's value.
			a.Data = append(a.Data, Field{Name: HelperNoun(method), Value: x, Relative: a.Op == OpIncr})
		default:
			a.Data = append(a.Data, Field{Value: x})
		}
	}
	if HasIdempotencyKey(call) {
		a.Atomic = true // createBalanceTransaction(..., { idempotencyKey })
	}
	return a, true
}

// keyedNoun drops what a helper's noun says about how the record is picked
// or what happens when it is missing: VerificationByIdentifier and
// UserOrThrow name the verification and user records.
func keyedNoun(noun string) string {
	for _, suf := range []string{"OrThrow", "OrFail", "OrNull", "OrUndefined"} {
		noun = strings.TrimSuffix(noun, suf)
	}
	for i := 1; i+2 < len(noun); i++ {
		if noun[i:i+2] == "By" && noun[i+2] >= 'A' && noun[i+2] <= 'Z' {
			return noun[:i]
		}
	}
	return noun
}

// HelperNoun returns what follows the verb of a helper's name:
// getUserBalance gives "UserBalance", set_credits gives "credits".
func HelperNoun(name string) string {
	name = strings.TrimLeft(name, "_$")
	for i := 1; i < len(name); i++ {
		c := name[i]
		if c >= 'A' && c <= 'Z' {
			return name[i:]
		}
		if c == '_' {
			return name[i+1:]
		}
	}
	return ""
}

// --- small syntax helpers ---

// ObjectProp returns the value of property name in an object literal, or
// no node (a shorthand property is its own value).
func ObjectProp(obj syntax.Node, name string) syntax.Node {
	obj = obj.Unparen()
	if !obj.Is(syntax.KObject) {
		return syntax.Node{}
	}
	for _, c := range obj.NamedChildren() {
		switch {
		case c.Is(syntax.KPair) && PropKey(c.Child(syntax.FKey)) == name:
			return c.Child(syntax.FValue)
		case c.Is(syntax.KShorthandPropertyIdentifier) && c.Text() == name:
			return c
		}
	}
	return syntax.Node{}
}

// PropKey is the name an object key gives its property: the value of a
// string key, the text of any other.
func PropKey(k syntax.Node) string {
	if s, ok := stringLitValue(k); ok {
		return s
	}
	return k.Text()
}

func objectKeys(obj syntax.Node) []string {
	var out []string
	for _, f := range objectFields(obj) {
		out = append(out, f.Name)
	}
	return out
}

// objectFields lists the properties of an object literal.
func objectFields(obj syntax.Node) []Field {
	obj = obj.Unparen()
	if !obj.Is(syntax.KObject) {
		return nil
	}
	var out []Field
	for _, c := range obj.NamedChildren() {
		switch {
		case c.Is(syntax.KPair):
			out = append(out, Field{Name: PropKey(c.Child(syntax.FKey)), Value: c.Child(syntax.FValue)})
		case c.Is(syntax.KShorthandPropertyIdentifier):
			out = append(out, Field{Name: c.Text(), Value: c})
		case c.Is(syntax.KSpreadElement):
			out = append(out, Field{Value: c.NamedChild(0)})
		}
	}
	return out
}

// ObjectFields lists the properties of an object literal as fields.
func ObjectFields(obj syntax.Node) []Field { return objectFields(obj) }

func stringLitValue(n syntax.Node) (string, bool) {
	n = n.Unparen()
	if n.Is(syntax.KString) || n.Is(syntax.KTemplateString) && n.ChildOfKind(syntax.KTemplateSubstitution).IsNil() {
		t := n.Text()
		if len(t) >= 2 {
			return t[1 : len(t)-1], true
		}
	}
	return "", false
}

func isStringLiteral(n syntax.Node) bool {
	_, ok := stringLitValue(n)
	return ok
}

func stringLiteral(n syntax.Node) string {
	s, _ := stringLitValue(n)
	return s
}

func startsUpper(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

func identLike(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !(s[i] == '_' || s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || i > 0 && s[i] >= '0' && s[i] <= '9') {
			return false
		}
	}
	return true
}

func storeNames(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// --- file system ---

// FSKind says whether a file-system call checks a path or uses it.
type FSKind int

// File-system call kinds.
const (
	FSNone  FSKind = iota
	FSCheck        // exists, stat, access, lstat
	FSUse          // open, read, write, unlink, rename, chmod, ...
)

// FSCall is a file-system call on one or more paths.
type FSCall struct {
	Kind   FSKind
	Method string
	Paths  []syntax.Node
	// Mutates is set for uses that change the file system.
	Mutates bool
	// Safe is set for uses that cannot suffer from a stale check: an
	// exclusive create ('wx'), mkdir { recursive: true }, rm { force: true },
	// fs-extra's remove/ensureDir/outputFile.
	Safe bool
	// Callback is the callback of a callback-style call, or no node.
	Callback syntax.Node
	// Content is what a write that replaces a file stores: the data of
	// writeFile and writeJson, the source path of a copy; no node for
	// other uses (an append adds to what is there).
	Content syntax.Node
}

var fsModules = storeNames("fs", "fs/promises", "fs-extra", "graceful-fs", "fs-extra/esm", "mz/fs", "original-fs")

var fsChecks = storeNames(FSCheckMethods...)

// FSCheckMethods are the file-system methods that check a path.
var FSCheckMethods = []string{"exists", "existsSync", "access", "accessSync", "stat", "statSync", "lstat", "lstatSync",
	"pathExists", "pathExistsSync"}

// fsUses maps a use to the indexes of its path arguments and whether it
// changes the file system.
var fsUses = map[string]struct {
	paths   []int
	mutates bool
}{
	"readFile": {[]int{0}, false}, "readFileSync": {[]int{0}, false}, "createReadStream": {[]int{0}, false},
	"readJson": {[]int{0}, false}, "readJsonSync": {[]int{0}, false}, "readJSON": {[]int{0}, false},
	"open": {[]int{0}, true}, "openSync": {[]int{0}, true},
	"writeFile": {[]int{0}, true}, "writeFileSync": {[]int{0}, true}, "appendFile": {[]int{0}, true},
	"appendFileSync": {[]int{0}, true}, "createWriteStream": {[]int{0}, true},
	"unlink": {[]int{0}, true}, "unlinkSync": {[]int{0}, true}, "rm": {[]int{0}, true}, "rmSync": {[]int{0}, true},
	"rmdir": {[]int{0}, true}, "rmdirSync": {[]int{0}, true},
	"rename": {[]int{0, 1}, true}, "renameSync": {[]int{0, 1}, true},
	"copyFile": {[]int{0, 1}, true}, "copyFileSync": {[]int{0, 1}, true}, "cp": {[]int{0, 1}, true}, "cpSync": {[]int{0, 1}, true},
	"chmod": {[]int{0}, true}, "chmodSync": {[]int{0}, true}, "chown": {[]int{0}, true}, "chownSync": {[]int{0}, true},
	"truncate": {[]int{0}, true}, "truncateSync": {[]int{0}, true}, "utimes": {[]int{0}, true}, "utimesSync": {[]int{0}, true},
	"symlink": {[]int{1}, true}, "symlinkSync": {[]int{1}, true}, "link": {[]int{1}, true}, "linkSync": {[]int{1}, true},
	"mkdir": {[]int{0}, true}, "mkdirSync": {[]int{0}, true},
	"writeJson": {[]int{0}, true}, "writeJsonSync": {[]int{0}, true}, "writeJSON": {[]int{0}, true},
	"move": {[]int{0, 1}, true}, "moveSync": {[]int{0, 1}, true}, "copy": {[]int{0, 1}, true}, "copySync": {[]int{0, 1}, true},
}

// fsContent gives the argument that says what a write stores: the data
// written, or the file copied.
var fsContent = map[string]int{
	"writeFile": 1, "writeFileSync": 1,
	"writeJson": 1, "writeJsonSync": 1, "writeJSON": 1,
	"copyFile": 0, "copyFileSync": 0, "cp": 0, "cpSync": 0, "copy": 0, "copySync": 0,
}

// fsSafe are fs-extra uses that tolerate a missing or existing path.
var fsSafe = storeNames("remove", "removeSync", "ensureDir", "ensureDirSync", "ensureFile", "ensureFileSync",
	"mkdirp", "mkdirpSync", "mkdirs", "mkdirsSync", "outputFile", "outputFileSync", "outputJson", "outputJsonSync",
	"emptyDir", "emptyDirSync")

// ClassifyFS says whether a call checks or uses a file-system path:
// fs.existsSync(p), await stat(p) from fs/promises, fs.promises.unlink(p),
// fse.pathExists(p), where env says the callee's root was imported from
// a file-system module.
func ClassifyFS(call syntax.Node, env Env) (FSCall, bool) {
	chain, method := Callee(call)
	if method == "" {
		return FSCall{}, false
	}
	// The receiver must come from a file-system module: a parameter or
	// a field that happens to be called fs may be any object (a storage
	// provider with its own exists and mkdir).
	if env == nil || !fsModules[strings.TrimPrefix(env.ImportSpec(call), "node:")] {
		return FSCall{}, false
	}
	if len(chain) > 0 && chain[len(chain)-1] != "promises" && !fsRootName(chain) {
		return FSCall{}, false // fs.constants.x(), stream.open()...
	}
	args := Args(call)
	c := FSCall{Method: method}
	if len(args) > 0 {
		if last := args[len(args)-1].Unparen(); last.Is(syntax.KArrowFunction, syntax.KFunctionExpression) {
			c.Callback = last
		}
	}
	switch {
	case fsChecks[method]:
		c.Kind = FSCheck
		if len(args) > 0 {
			c.Paths = []syntax.Node{args[0]}
		}
	case fsSafe[method]:
		return FSCall{}, false
	default:
		u, ok := fsUses[method]
		if !ok {
			return FSCall{}, false
		}
		c.Kind, c.Mutates = FSUse, u.mutates
		for _, i := range u.paths {
			if i < len(args) {
				c.Paths = append(c.Paths, args[i])
			}
		}
		c.Safe = fsSafeUse(method, args)
		if i, ok := fsContent[method]; ok && i < len(args) {
			c.Content = args[i]
		}
	}
	if len(c.Paths) == 0 {
		return FSCall{}, false
	}
	return c, true
}

func fsRootName(chain []string) bool {
	return len(chain) == 1 || len(chain) == 2 && chain[1] == "promises"
}

// fsSafeUse reports uses whose options make a stale check harmless.
func fsSafeUse(method string, args []syntax.Node) bool {
	opt := func(i int) syntax.Node {
		if i < len(args) {
			return args[i].Unparen()
		}
		return syntax.Node{}
	}
	// An exclusive ('wx') or appending ('a') open neither overwrites nor
	// fails on a file that appeared in between.
	safeFlag := func(n syntax.Node) bool {
		if n.Is(syntax.KObject) {
			o := n
			n = ObjectProp(o, "flag").Unparen()
			if n.IsNil() {
				n = ObjectProp(o, "flags").Unparen()
			}
		}
		s := stringLiteral(n)
		return strings.Contains(s, "x") || strings.Contains(s, "a")
	}
	switch strings.TrimSuffix(method, "Sync") {
	case "mkdir":
		return ObjectProp(opt(1), "recursive").Is(syntax.KTrue)
	case "rm":
		return ObjectProp(opt(1), "force").Is(syntax.KTrue)
	case "open":
		return safeFlag(opt(1))
	case "writeFile", "writeJson", "writeJSON":
		return safeFlag(opt(2))
	case "appendFile":
		return true
	case "symlink", "link":
		// A link is created exclusively: it never replaces what appeared
		// at its path, the call fails with EEXIST instead.
		return true
	case "createWriteStream":
		return safeFlag(opt(1))
	case "copyFile", "cp":
		// fs.copyFile(src, dest, fs.constants.COPYFILE_EXCL) fails when
		// dest exists instead of overwriting it.
		return strings.Contains(opt(2).Text(), "COPYFILE_EXCL")
	}
	return false
}

// documentKey is the field the document stores that name it so (MongoDB
// and Mongoose, CouchDB and PouchDB, NeDB) keep unique in every collection:
// a document's primary key.
const documentKey = "_id"

// DocumentKey reports whether a field is a document's primary key (_id).
func DocumentKey(field string) bool { return field == documentKey }

// DocumentKeyUnique reports whether an object-shaped store access whose
// key fields are fields is keyed by a document's primary key: a second
// insert with the same _id fails with a duplicate-key error.
func DocumentKeyUnique(kind StoreKind, fields []string) bool {
	if kind != StoreORM {
		return false
	}
	for _, f := range fields {
		if DocumentKey(f) {
			return true
		}
	}
	return false
}

// mongoUpdates are MongoDB-style update methods (the driver and Mongoose):
// they change exactly the fields their update document names; no version
// field moves by itself.
var mongoUpdates = map[string]bool{
	"updateOne": true, "updateMany": true, "findOneAndUpdate": true, "replaceOne": true,
	"findByIdAndUpdate": true, "bulkWrite": true,
}

// IsMongoUpdate reports whether method is a MongoDB-style update.
func IsMongoUpdate(method string) bool { return mongoUpdates[method] }

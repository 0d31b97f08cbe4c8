package models_test

import (
	"slices"
	"testing"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/parse"
	"github.com/racecheck/racecheck/internal/syntax"
)

// calls parses src and returns its outermost call expressions that are
// not links of a longer chain.
func calls(t *testing.T, src string) []syntax.Node {
	t.Helper()
	p := parse.NewParser()
	defer p.Close()
	tree, err := p.Parse(src, parse.TypeScript)
	if err != nil {
		t.Fatal(err)
	}
	var out []syntax.Node
	tree.Root().Walk(func(n syntax.Node) bool {
		if n.Is(syntax.KCallExpression) && !models.IsChainLink(n) {
			out = append(out, n)
			return false
		}
		return true
	})
	return out
}

type noEnv struct{}

func (noEnv) ImportSpec(syntax.Node) string { return "" }
func (noEnv) Repository(syntax.Node) bool   { return false }
func (noEnv) Init(syntax.Node) syntax.Node  { return syntax.Node{} }

func TestClassifyStore(t *testing.T) {
	cases := []struct {
		src      string
		kind     models.StoreKind
		op       models.Op
		resource string
		where    []string
		data     []string
		locking  bool
		atomic   bool
	}{
		{`pool.query("SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", [id])`, models.StoreSQL, models.OpRead, "accounts", []string{"id"}, nil, true, false},
		{`pool.query("UPDATE accounts SET balance = balance - $1 WHERE id = $2", [amount, id])`, models.StoreSQL, models.OpUpdate, "accounts", []string{"id"}, []string{"balance"}, false, false},
		{`pool.query({ text: "INSERT INTO t (a) VALUES ($1) ON CONFLICT DO NOTHING", values: [a] })`, models.StoreSQL, models.OpUpsert, "t", nil, []string{"a"}, false, true},
		{"tx.$queryRaw`SELECT * FROM docs WHERE id = ${id} FOR SHARE`", models.StoreSQL, models.OpRead, "docs", []string{"id"}, nil, true, false},
		{`db.prepare("DELETE FROM s WHERE k = ?").run(k)`, models.StoreSQL, models.OpDelete, "s", []string{"k"}, nil, false, false},
		{`prisma.coupon.updateMany({ where: { code, remaining: { gt: 0 } }, data: { remaining: { decrement: 1 } } })`, models.StorePrisma, models.OpUpdate, "coupon", []string{"code", "remaining"}, []string{"remaining"}, false, false},
		{`prisma.profile.upsert({ where: { userId }, update: {}, create: { userId } })`, models.StorePrisma, models.OpUpsert, "profile", []string{"userId"}, []string{"userId"}, false, true},
		{`knex("wallets").where({ user_id: id }).forUpdate().first()`, models.StoreBuilder, models.OpRead, "wallets", []string{"user_id"}, nil, true, false},
		{`knex("wallets").where("id", id).update({ credits: 3 })`, models.StoreBuilder, models.OpUpdate, "wallets", []string{"id"}, []string{"credits"}, false, false},
		{`db.update(accounts).set({ balance: b }).where(and(eq(accounts.id, id), gte(accounts.balance, n)))`, models.StoreBuilder, models.OpUpdate, "accounts", []string{"id", "balance"}, []string{"balance"}, false, false},
		{`db.query.apps.findMany({ orderBy: asc(apps.name), with: { store: true } })`, models.StoreBuilder, models.OpRead, "apps", nil, nil, false, false},
		{`tx.query.members.findFirst({ where: and(eq(members.teamId, t), eq(members.role, "owner")), columns: { id: true } })`, models.StoreBuilder, models.OpRead, "members", []string{"teamId", "role"}, nil, false, false},
		{`redis.set(key, "1", "NX", "PX", 3000)`, models.StoreRedis, models.OpUpdate, "redis", nil, []string{"*"}, false, true},
		{`redis.hincrby(key, "n", 1)`, models.StoreRedis, models.OpIncr, "redis", nil, []string{"n"}, false, true},
		{`Product.findById(id)`, models.StoreORM, models.OpRead, "Product", []string{"id"}, nil, false, false},
		{`Product.findOneAndUpdate({ _id: id, stock: { $gte: 1 } }, { $inc: { stock: -1 } })`, models.StoreORM, models.OpUpdate, "Product", []string{"_id", "stock"}, []string{"stock"}, false, false},
		{`Account.findOne({ where: { id }, lock: true, transaction: t })`, models.StoreORM, models.OpRead, "Account", []string{"id"}, nil, true, false},
		{`Page.update({ title }, { where: { id, version } })`, models.StoreORM, models.OpUpdate, "Page", []string{"id", "version"}, []string{"title"}, false, false},
		{`ddb.update({ TableName: "t", Key: { pk }, ConditionExpression: "v = :v" })`, models.StoreDynamo, models.OpUpdate, "t", []string{"pk"}, nil, false, true},
	}
	for _, c := range cases {
		cs := calls(t, c.src)
		if len(cs) != 1 {
			t.Errorf("%s: %d calls", c.src, len(cs))
			continue
		}
		a, ok := models.ClassifyStore(cs[0], noEnv{})
		if !ok {
			t.Errorf("%s: not classified", c.src)
			continue
		}
		if a.Kind != c.kind || a.Op != c.op || a.Resource != c.resource || a.Locking != c.locking || a.Atomic != c.atomic {
			t.Errorf("%s: got kind %s op %s resource %q locking %v atomic %v", c.src, a.Kind, a.Op, a.Resource, a.Locking, a.Atomic)
		}
		if got := names(a.Where); !slices.Equal(got, c.where) {
			t.Errorf("%s: where %v, want %v", c.src, got, c.where)
		}
		if got := names(a.Data); !slices.Equal(got, c.data) {
			t.Errorf("%s: data %v, want %v", c.src, got, c.data)
		}
	}
}

func TestNotStores(t *testing.T) {
	for _, src := range []string{
		`cache.get(key)`,
		`Object.assign(a, b)`,
		`hash.update(data)`,
		`map.delete(k)`,
		`app.get("/x", handler)`,
	} {
		for _, c := range calls(t, src) {
			if a, ok := models.ClassifyStore(c, noEnv{}); ok {
				t.Errorf("%s classified as %s %s", src, a.Kind, a.Op)
			}
		}
	}
}

func TestHelperAccess(t *testing.T) {
	c := calls(t, `setCredits(accountId, credits - cost)`)[0]
	a, ok := models.HelperAccess(c)
	if !ok || a.Op != models.OpUpdate || a.Resource != "Credits" {
		t.Fatalf("got %+v", a)
	}
	if got := names(a.Data); !slices.Equal(got, []string{"Credits"}) {
		t.Errorf("data %v", got)
	}
	c = calls(t, `db.getObjectField(key, "mainPid")`)[0]
	a, ok = models.HelperAccess(c)
	if !ok || a.Op != models.OpRead || a.Field != "mainPid" {
		t.Fatalf("got %+v", a)
	}
	c = calls(t, `db.incrObjectFieldBy(key, "n", 1)`)[0]
	if a, ok = models.HelperAccess(c); !ok || a.Op != models.OpIncr || !a.Atomic {
		t.Fatalf("got %+v", a)
	}
}

func TestClassifyFS(t *testing.T) {
	cases := []struct {
		src  string
		kind models.FSKind
		safe bool
	}{
		{`fs.existsSync(p)`, models.FSCheck, false},
		{`fs.promises.stat(p)`, models.FSCheck, false},
		{`fs.writeFileSync(p, body)`, models.FSUse, false},
		{`fs.writeFileSync(p, body, { flag: "wx" })`, models.FSUse, true},
		{`fs.mkdirSync(p, { recursive: true })`, models.FSUse, true},
		{`fs.createWriteStream(p, { flags: "a" })`, models.FSUse, true},
		{`fsp.unlink(p)`, models.FSUse, false},
	}
	env := importEnv{"fs": "node:fs", "fsp": "fs/promises"}
	for _, c := range cases {
		a, ok := models.ClassifyFS(calls(t, c.src)[0], env)
		if !ok || a.Kind != c.kind || a.Safe != c.safe {
			t.Errorf("%s: got %+v %v", c.src, a, ok)
		}
	}
	// The same calls on a receiver that was not imported from a
	// file-system module (a parameter called fs) are not file-system calls.
	for _, c := range cases {
		if a, ok := models.ClassifyFS(calls(t, c.src)[0], noEnv{}); ok {
			t.Errorf("%s without an fs import: got %+v", c.src, a)
		}
	}
}

// importEnv says which module each root name of a callee was imported from.
type importEnv map[string]string

func (e importEnv) ImportSpec(call syntax.Node) string {
	chain, method := models.Callee(call)
	if len(chain) > 0 {
		return e[chain[0]]
	}
	return e[method]
}
func (importEnv) Repository(syntax.Node) bool  { return false }
func (importEnv) Init(syntax.Node) syntax.Node { return syntax.Node{} }

func names(fs []models.Field) []string {
	var out []string
	for _, f := range fs {
		if f.Name != "" {
			out = append(out, f.Name)
		}
	}
	return out
}

func TestAdapterAccess(t *testing.T) {
	c := calls(t, `await ctx.adapter.updateMany({ model: "session", where: [{ field: "familyId", value: id }, { field: "expiresAt", value: now, operator: "gt" }], update: { revokedAt: now } })`)[0]
	a, ok := models.ClassifyStore(c, noEnv{})
	if !ok || a.Op != models.OpUpdate || a.Resource != "session" || len(a.Where) != 2 || a.Where[0].Name != "familyId" || a.Where[0].Cond || !a.Where[1].Cond || len(a.Data) != 1 {
		t.Fatalf("got %+v", a)
	}
	c = calls(t, `await adapter.findOne({ model: "verification", where: [{ field: "identifier", value: key }] })`)[0]
	if a, ok = models.ClassifyStore(c, noEnv{}); !ok || a.Op != models.OpRead || a.Resource != "verification" {
		t.Fatalf("got %+v", a)
	}
	c = calls(t, `await repo.findOne({ where: { id } })`)[0]
	if a, ok = models.ClassifyStore(c, noEnv{}); !ok || a.Resource == "verification" || len(a.Where) != 1 || a.Where[0].Name != "id" {
		t.Fatalf("got %+v", a)
	}
}

func TestStateVerb(t *testing.T) {
	for _, c := range []struct {
		name         string
		verb, noun   string
		begins, isOK bool
	}{
		{"startProgress", "start", "progress", true, true},
		{"stopProgress", "start", "progress", false, true},
		{"hideLoadingSpinner", "show", "loadingspinner", false, true},
		{"openModal", "open", "modal", true, true},
		{"start", "", "", false, false},
		{"saveProgress", "", "", false, false},
	} {
		verb, noun, begins, ok := models.StateVerb(c.name)
		if verb != c.verb || noun != c.noun || begins != c.begins || ok != c.isOK {
			t.Errorf("StateVerb(%q) = %q, %q, %v, %v; want %q, %q, %v, %v", c.name, verb, noun, begins, ok, c.verb, c.noun, c.begins, c.isOK)
		}
	}
}

func TestScriptEntries(t *testing.T) {
	for cmd, want := range map[string][]string{
		"node scripts/seed.js": {"scripts/seed.js"},
		"cross-env NODE_ENV=production ts-node -r tsconfig-paths/register src/migrate.ts --force": {"src/migrate.ts"},
		"tsc && node dist/build.mjs":                                {"dist/build.mjs"},
		"npx tsx ./tools/gen.ts; node --env-file .env scripts/x.js": {"./tools/gen.ts", "scripts/x.js"},
		"bun run src/cli.ts":                                        {"src/cli.ts"},
		"nodemon src/server.js":                                     nil,
		"tsx watch src/index.ts":                                    nil,
		"node --watch src/index.js":                                 nil,
		"node --test":                                               nil,
		"node -e \"console.log(1)\"":                                nil,
		"next build":                                                nil,
		"ts-node-dev --respawn scripts/startServer.ts":              nil,
	} {
		if got := models.ScriptEntries(cmd); !slices.Equal(got, want) {
			t.Errorf("ScriptEntries(%q) = %q, want %q", cmd, got, want)
		}
	}
}

func TestPromiseStaticCall(t *testing.T) {
	cs := calls(t, "Promise.all(a); Promise.allSettled(a); Promise.race(a); Promise.any(a); Promise.resolve(1); Promise.reject(e); Promise.withResolvers(); P.all(a); all(a);")
	type got struct {
		m                               string
		ok, joins, every, rejects, done bool
	}
	want := []got{
		{"all", true, true, true, true, false},
		{"allSettled", true, true, true, false, false},
		{"race", true, true, false, true, false},
		{"any", true, true, false, true, false},
		{"resolve", true, false, false, false, true},
		{"reject", true, false, false, true, true},
		{"", false, false, false, false, false}, // returns an object, not a promise
		{"", false, false, false, false, false},
		{"", false, false, false, false, false},
	}
	if len(cs) != len(want) {
		t.Fatalf("%d calls, want %d", len(cs), len(want))
	}
	for i, c := range cs {
		m, st, ok := models.PromiseStaticCall(c)
		if g := (got{m, ok, st.Joins, st.WaitsForEvery, st.Rejects, st.Settled}); g != want[i] {
			t.Errorf("%s: %+v, want %+v", c.Text(), g, want[i])
		}
	}
}

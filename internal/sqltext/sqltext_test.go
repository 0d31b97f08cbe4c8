package sqltext

import (
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		sql  string
		want Stmt
	}{
		{"SELECT balance FROM accounts WHERE id = $1 FOR UPDATE", Stmt{Verb: "SELECT", Table: "accounts", ForUpdate: true, WhereCols: []string{"id"}}},
		{"UPDATE documents SET body = $1, version = version + 1 WHERE id = $2 AND version = $3", Stmt{Verb: "UPDATE", Table: "documents", WhereCols: []string{"id", "version"}, SetCols: []string{"body", "version"}}},
		{"INSERT INTO idempotency_keys (key, state) VALUES ($1, 'started') ON CONFLICT (key) DO NOTHING", Stmt{Verb: "INSERT", Table: "idempotency_keys", OnConflict: true}},
		{"begin", Stmt{Verb: "BEGIN"}},
		{"START TRANSACTION", Stmt{Verb: "BEGIN"}},
		{"SELECT pg_try_advisory_lock($1) AS ok", Stmt{Verb: "SELECT", Advisory: []string{"pg_try_advisory_lock"}}},
		{"hello world", Stmt{}},
	}
	for _, c := range cases {
		got := Parse(c.sql)
		got.Text = ""
		got.Params = nil
		got.Modifies = false
		got.RelCols = nil
		got.SetExprs = nil
		got.InsertCols = nil
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Parse(%q)\n got %+v\nwant %+v", c.sql, got, c.want)
		}
	}
}

func TestParams(t *testing.T) {
	cases := []struct {
		sql      string
		modifies bool
		where    []int
		set      []int
	}{
		{"UPDATE documents SET body = $1, version = version + 1 WHERE id = $2 AND version = $3", true, []int{1, 2}, []int{0}},
		{"UPDATE t SET a = ? WHERE id = ? AND b > ?", true, []int{1, 2}, []int{0}},
		{"UPDATE t SET a = $? WHERE id = $?", true, []int{1}, []int{0}},
		{"SELECT x::text FROM t WHERE id = $1::TEXT AND s = 'a?b' FOR UPDATE", false, []int{0}, nil},
		{"WITH a AS (SELECT * FROM t WHERE k = $1 FOR UPDATE) DELETE FROM t USING a WHERE t.k = $1", true, []int{0, 0}, nil},
		{"INSERT INTO t (a) VALUES ($1) ON CONFLICT (a) DO UPDATE SET a = excluded.a", true, nil, nil},
		{"SELECT * FROM t WHERE id = :id", false, []int{-1}, nil},
	}
	for _, c := range cases {
		s := Parse(c.sql)
		if s.Modifies != c.modifies {
			t.Errorf("Parse(%q).Modifies = %v", c.sql, s.Modifies)
		}
		idx := func(ps []Param) []int {
			var out []int
			for _, p := range ps {
				out = append(out, p.Index)
			}
			return out
		}
		if got := idx(s.ParamsIn("where")); !reflect.DeepEqual(got, c.where) {
			t.Errorf("Parse(%q) where params %v, want %v", c.sql, got, c.where)
		}
		if got := idx(s.ParamsIn("set")); !reflect.DeepEqual(got, c.set) {
			t.Errorf("Parse(%q) set params %v, want %v", c.sql, got, c.set)
		}
	}
}

func TestColumns(t *testing.T) {
	s := Parse(`UPDATE accounts SET balance = balance - $1, "Seats" = "seats" + 1, note = $2 WHERE id = $3`)
	if !reflect.DeepEqual(s.RelCols, []string{"balance", "seats"}) {
		t.Errorf("RelCols = %v", s.RelCols)
	}
	if !reflect.DeepEqual(s.SetExprs, []string{"balance - $1", `"seats" + 1`, "$2"}) {
		t.Errorf("SetExprs = %q", s.SetExprs)
	}
	if !IsConstant("'paid'") || !IsConstant("NULL") || !IsConstant("-1.5") || IsConstant("$1") || IsConstant("now()") {
		t.Error("IsConstant")
	}
	s = Parse("INSERT INTO tags (name, `owner_id`) VALUES ($1, $2)")
	if !reflect.DeepEqual(s.InsertCols, []string{"name", "owner_id"}) {
		t.Errorf("InsertCols = %v", s.InsertCols)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("SELECT * FROM t WHERE a = 1 FOR UPDATE")
	f.Add("UPDATE t SET v = v + 1 WHERE id = $1 AND version = $2 RETURNING *")
	f.Fuzz(func(t *testing.T, s string) {
		st := Parse(s)
		if st.Verb != strings.ToUpper(st.Verb) {
			t.Errorf("verb %q is not upper case", st.Verb)
		}
		for _, c := range append(st.WhereCols, st.SetCols...) {
			if c != strings.ToLower(c) || strings.ContainsAny(c, `."`) {
				t.Errorf("column %q is not normalised", c)
			}
		}
	})
}

func TestWhereLits(t *testing.T) {
	cases := []struct {
		sql  string
		want map[string]string
	}{
		{"SELECT id, kind FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1", map[string]string{"status": "'queued'"}},
		{"SELECT * FROM t WHERE id = $1 AND used = FALSE AND tries = 3", map[string]string{"used": "false", "tries": "3"}},
		{"SELECT * FROM t WHERE (state = 'a') AND note = 'it''s'", map[string]string{"state": "'a'", "note": "'it''s'"}},
		{"SELECT * FROM t WHERE status = 'a' OR status = 'b'", nil},
		{"SELECT * FROM t WHERE id = $1", nil},
		{"SELECT * FROM t WHERE total >= 10 AND code = 'x1'", map[string]string{"code": "'x1'"}},
		{"UPDATE jobs SET status = 'running' WHERE id = $2", nil},
	}
	for _, c := range cases {
		if got := Parse(c.sql).WhereLits; !reflect.DeepEqual(got, c.want) {
			t.Errorf("Parse(%q).WhereLits = %v, want %v", c.sql, got, c.want)
		}
	}
}

func TestKeys(t *testing.T) {
	cases := []struct {
		sql  string
		want []Key
	}{
		{`CREATE UNIQUE INDEX IF NOT EXISTS "idx" ON "public"."projects" ("org_id", "slug")`, []Key{{"projects", []string{"org_id", "slug"}}}},
		{"CREATE UNIQUE INDEX CONCURRENTLY idx ON ONLY users USING btree (email DESC)", []Key{{"users", []string{"email"}}}},
		{"CREATE UNIQUE INDEX idx ON users (lower(email))", nil},
		{"CREATE INDEX idx ON users (email)", nil},
		{"ALTER TABLE webhooks ADD CONSTRAINT uq UNIQUE (provider, event_id)", []Key{{"webhooks", []string{"provider", "event_id"}}}},
		{"ALTER TABLE `stars` ADD UNIQUE INDEX `uq_star` (`guild_id`, `user_id`)", []Key{{"stars", []string{"guild_id", "user_id"}}}},
		{"ALTER TABLE pins ADD PRIMARY KEY (guild_id, channel_id)", []Key{{"pins", []string{"guild_id", "channel_id"}}}},
		{"ALTER TABLE pins ADD COLUMN note text", nil},
		{`CREATE TABLE IF NOT EXISTS api_keys (
		  id SERIAL PRIMARY KEY,
		  hash TEXT NOT NULL UNIQUE,
		  owner_id INT REFERENCES users(id),
		  label VARCHAR(40),
		  CONSTRAINT owner_label UNIQUE (owner_id, label),
		  PRIMARY KEY (id)
		)`, []Key{
			{"api_keys", []string{"owner_id", "label"}},
			{"api_keys", []string{"id"}},
			{"api_keys", []string{"hash"}},
			{"api_keys", []string{"id"}},
		}},
		{"CREATE TABLE t (a int, b int)", nil},
		{`CREATE TABLE roles (
		  name text NOT NULL DEFAULT 'unique, primary key',
		  kind text CHECK (kind <> 'unique'), -- not unique: see below
		  note text /* UNIQUE once, PRIMARY KEY (kind) */,
		  code text UNIQUE
		)`, []Key{{"roles", []string{"code"}}}},
		{"-- CREATE UNIQUE INDEX idx ON users (email)\nCREATE INDEX idx ON users (email)", nil},
		{"/* ALTER TABLE pins ADD PRIMARY KEY (guild_id) */ SELECT 1", nil},
		{"INSERT INTO notes (body) VALUES ('it''s CREATE UNIQUE INDEX i ON t (a)')", nil},
		{"SELECT * FROM users WHERE id = $1", nil},
	}
	for _, c := range cases {
		if got := Keys(c.sql); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Keys(%q) = %v, want %v", c.sql, got, c.want)
		}
	}
}

func FuzzKeys(f *testing.F) {
	f.Add("CREATE UNIQUE INDEX i ON t (a, b)")
	f.Add("CREATE TABLE t (id int PRIMARY KEY, e text UNIQUE, UNIQUE (a, b))")
	f.Add("ALTER TABLE t ADD CONSTRAINT c UNIQUE (a)")
	f.Add("CREATE TABLE t (a text DEFAULT 'x''y' /* c */ UNIQUE -- d\n)")
	f.Fuzz(func(t *testing.T, s string) {
		for _, k := range Keys(s) {
			if k.Table == "" || len(k.Columns) == 0 {
				t.Errorf("Keys(%q) gave an empty key %v", s, k)
			}
			for _, c := range k.Columns {
				if c == "" || strings.ContainsAny(c, "\"`(), ") {
					t.Errorf("Keys(%q) gave column %q", s, c)
				}
			}
		}
	})
}

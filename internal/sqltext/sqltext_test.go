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
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Parse(%q)\n got %+v\nwant %+v", c.sql, got, c.want)
		}
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

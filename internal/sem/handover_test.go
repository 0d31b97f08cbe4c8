package sem

import (
	"strings"
	"testing"

	"github.com/racecheck/racecheck/internal/models"
	"github.com/racecheck/racecheck/internal/syntax"
)

func TestParamOfAndArgAt(t *testing.T) {
	f := load(t, `async function add({ user, payload }, data) {
  user.sessions.push(data.session);
  user.visits = user.visits + 1;
  user.tags = [];
  await payload.update({ id: user.id, data: user });
}
async function caller(payload) {
  const user = await payload.findByID({ collection: "users", id: "1" });
  await add({ user, payload }, { session: 1 });
}`)
	fn := f.FuncAt(find(t, f, syntax.KCallExpression, "user.sessions.push(data.session)"))
	cases := map[string]string{"user.id": "0:user.id", "data.session": "1:session", "user": "0:user"}
	for text, want := range cases {
		k := syntax.KMemberExpression
		if text == "user" {
			k = syntax.KIdentifier
		}
		r, ok := f.ParamOf(fn, find(t, f, k, text))
		got := ""
		if ok {
			got = string(rune('0'+r.Index)) + ":" + joinPath(r.Path)
		}
		if got != want {
			t.Errorf("ParamOf(%s) = %q, want %q", text, got, want)
		}
	}
	call := find(t, f, syntax.KCallExpression, "add({ user, payload }, { session: 1 })")
	a, rest := ArgAt(models.Args(call), ParamRef{0, []string{"user", "id"}})
	if a.Text() != "user" || len(rest) != 1 || rest[0] != "id" {
		t.Errorf("ArgAt = %q %v", a.Text(), rest)
	}
	rec := find(t, f, syntax.KIdentifier, "user")
	w := find(t, f, syntax.KCallExpression, `payload.update({ id: user.id, data: user })`)
	if got := f.OwnChanges(fn, rec, w, true); joinPath(got) != "sessions.visits" {
		t.Errorf("OwnChanges = %v", got)
	}
	if got := f.OwnChanges(fn, rec, w, false); joinPath(got) != "visits" {
		t.Errorf("OwnChanges without in-place = %v", got)
	}
	if !f.Replaced(fn, rec, "tags", w) || f.Replaced(fn, rec, "visits", w) {
		t.Error("Replaced: tags is replaced, visits is not")
	}
	sites := f.Project().CallSites(f, fn)
	if len(sites) != 1 || sites[0].Call != call {
		t.Errorf("CallSites = %v", sites)
	}
}

func joinPath(p []string) string { return strings.Join(p, ".") }

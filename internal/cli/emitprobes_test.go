package cli

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const routeApp = `const express = require("express");
const { pool } = require("./db");
const app = express();
app.use(express.json());

app.post("/cards/:code/redeem", async (req, res) => {
  const { rows } = await pool.query("SELECT balance FROM cards WHERE code = $1", [req.params.code]);
  if (rows[0].balance < req.body.amount) return res.status(409).end();
  await pool.query("UPDATE cards SET balance = $1 WHERE code = $2", [rows[0].balance - req.body.amount, req.params.code]);
  res.json({ ok: true });
});

async function settle(code, amount) {
  const { rows } = await pool.query("SELECT balance FROM cards WHERE code = $1", [code]);
  if (rows[0].balance < amount) return false;
  await pool.query("UPDATE cards SET balance = $1 WHERE code = $2", [rows[0].balance - amount, code]);
  return true;
}

module.exports = { app, settle };
`

const routeScenario = `# check-then-act at app.js:9 (POST /cards/:code/redeem, express)
#   balance of cards[req.params.code] read at line 7 decides the write at line
#   9; another request can change it in between, so the write acts on a stale
#   check
#
# Fill in every FILL_ME below, then run:
#   racecheck probe --scenario THIS_FILE [BASE-URL]
#   vars.code: the :code path parameter, the id of a record that exists after the reset
#   vars.amount: the "amount" field of the JSON body (remove the quotes around {{amount}} in race.request.body for a number)
#   vars.reset_path: a request that puts the state back before each trial (or delete the setup step)
#   checks: the state the race breaks (e.g. how often the record was used, at most 1)
name: 'check-then-act on POST /cards/:code/redeem'
base: http://127.0.0.1:3000
headers:
  Content-Type: application/json
vars:
  code: FILL_ME
  amount: FILL_ME
  reset_path: FILL_ME
  state_path: FILL_ME
trials: 20
# One burst first, not counted: a freshly started app (JIT, connection
# pools) is slower and less concurrent on its first requests.
warmup: 1
setup:
  - name: reset the state
    method: POST
    url: '/{{reset_path}}'
# Before every burst, the state request sent n times at once and not
# counted: it fills the app's connection pools. A pool such as pg's closes
# a connection whose query failed, and a burst that has to wait for new
# connections runs one request after another.
prime:
  method: GET
  url: '/{{state_path}}'
race:
  n: 20
  request:
    method: POST
    url: '/cards/{{code}}/redeem'
    body: '{"amount": "{{amount}}"}'
expect:
  - status 2xx <= 1
  - status 5xx == 0
checks:
  - 'GET /{{state_path}} .FILL_ME <= 1'
`

// TestEmitProbes: the finding in the route handler carries its route in
// the JSON report and gets a scenario; the one in a plain function gets
// neither.
func TestEmitProbes(t *testing.T) {
	dir := project(t, map[string]string{"app.js": routeApp})
	t.Chdir(dir)
	r := run(t, "scan", "--no-config", "--format", "json", "--emit-probes", "probes", ".")
	if r.code != ExitFail {
		t.Fatalf("exit %d, stderr %s", r.code, r.stderr)
	}
	if want := "racecheck: 1 of 2 findings are in a route handler; wrote 1 probe scenarios to probes\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	for _, want := range []string{
		`"line": 9`,
		`"route": {
        "method": "POST",
        "path": "/cards/:code/redeem",
        "framework": "express",
        "body": [
          "amount"
        ]
      }`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("JSON report lacks %s:\n%s", want, r.stdout)
		}
	}
	if n := strings.Count(r.stdout, `"route"`); n != 1 {
		t.Errorf("%d findings with a route, want 1", n)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "probes"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"post-cards-code-redeem.check-then-act.yaml"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("files %q, want %q", names, want)
	}
	got, err := os.ReadFile(filepath.Join(dir, "probes", names[0]))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != routeScenario {
		t.Errorf("scenario:\n%s\nwant:\n%s", got, routeScenario)
	}
}

func TestEmitProbesUnwritable(t *testing.T) {
	dir := project(t, map[string]string{"app.js": routeApp, "blocker": "a file"})
	r := run(t, "scan", "--no-config", "--emit-probes", filepath.Join(dir, "blocker", "probes"), dir)
	if r.code != ExitError || !strings.Contains(r.stderr, "--emit-probes:") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
}

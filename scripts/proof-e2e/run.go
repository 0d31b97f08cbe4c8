package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

type options struct {
	trials, n        int
	modes            string
	gate             string
	minRacy, minLock int
	keep             bool
	app              string
}

// wantFindings is every finding the scan must report on the proof app, as
// "rule METHOD path": each racy twin, and nothing on a fixed twin or
// elsewhere.
var wantFindings = []string{
	"check-then-act POST /racy/gift-cards/:code/redeem",
	"check-then-act POST /racy/jobs/claim",
	"check-then-act POST /racy/users/:id/trial",
	"find-or-create-race POST /racy/users/sign-in",
	"find-or-create-race POST /racy/webhooks/payments",
	"idempotency-race POST /racy/orders",
	"redis-lock-unsafe-release POST /racy/counters/:name/increment",
	"redis-lock-without-ttl POST /racy/counters/:name/increment",
}

// racyTwins are the racy routes; each has a fixed twin under /fixed/.
var racyTwins = []string{
	"POST /racy/counters/:name/increment",
	"POST /racy/gift-cards/:code/redeem",
	"POST /racy/jobs/claim",
	"POST /racy/orders",
	"POST /racy/users/:id/trial",
	"POST /racy/users/sign-in",
	"POST /racy/webhooks/payments",
}

type finding struct {
	Rule  string `json:"rule"`
	File  string `json:"file"`
	Line  int    `json:"line"`
	Route *struct {
		Method string `json:"method"`
		Path   string `json:"path"`
	} `json:"route"`
}

func (f finding) key() string {
	if f.Route == nil {
		return fmt.Sprintf("%s %s:%d (no route)", f.Rule, f.File, f.Line)
	}
	return f.Rule + " " + f.Route.Method + " " + f.Route.Path
}

func run(o options) (int, error) {
	tmp, err := os.MkdirTemp("", "proof-e2e-")
	if err != nil {
		return 2, err
	}
	// PostgreSQL may run as another user (see asUser): it must reach its
	// directory inside this one.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return 2, err
	}
	if o.keep {
		fmt.Printf("temporary directory: %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	ctx := context.Background()
	appDir, err := filepath.Abs(o.app)
	if err != nil {
		return 2, err
	}

	phase := func(name string, t0 time.Time) {
		fmt.Printf("%-28s %s\n", name, time.Since(t0).Round(10*time.Millisecond))
	}
	t0 := time.Now()
	bin := filepath.Join(tmp, "racecheck")
	if err := runLogged(ctx, "", nil, "go", "build", "-o", bin, "./cmd/racecheck"); err != nil {
		return 2, err
	}
	phase("build racecheck", t0)

	t0 = time.Now()
	pgPort, err := freePort()
	if err != nil {
		return 2, err
	}
	pgDir := filepath.Join(tmp, "pg")
	if err := os.MkdirAll(pgDir, 0o755); err != nil {
		return 2, err
	}
	pg, err := startPostgres(pgDir, pgPort)
	if err != nil {
		return 2, err
	}
	defer pg.stop()
	redisPort, err := freePort()
	if err != nil {
		return 2, err
	}
	rd, err := startRedis(tmp, redisPort)
	if err != nil {
		return 2, err
	}
	defer rd.stop()
	phase("start postgres and redis", t0)

	t0 = time.Now()
	if err := runLogged(ctx, appDir, nil, "npm", "ci", "--no-audit", "--no-fund"); err != nil {
		return 2, err
	}
	phase("npm ci", t0)

	t0 = time.Now()
	appPort, err := freePort()
	if err != nil {
		return 2, err
	}
	env := []string{
		"PGHOST=127.0.0.1", "PGPORT=" + strconv.Itoa(pgPort), "PGUSER=racecheck", "PGDATABASE=postgres",
		"REDIS_URL=redis://127.0.0.1:" + strconv.Itoa(redisPort),
		"PORT=" + strconv.Itoa(appPort), "WEBHOOK_SECRET=proof-webhook-secret",
	}
	if err := runLogged(ctx, appDir, env, "node", "src/migrate.js"); err != nil {
		return 2, err
	}
	appLog := filepath.Join(tmp, "app.log")
	app, err := startProcess("app", appLog, appDir, env, "node", "src/server.js")
	if err != nil {
		return 2, err
	}
	defer app.stop()
	if err := waitPort(appPort, 15*time.Second); err != nil {
		return 2, fmt.Errorf("app: %v (see %s)", err, appLog)
	}
	phase("migrate and start the app", t0)

	// The scan, with the scenarios it generates.
	t0 = time.Now()
	probes := filepath.Join(tmp, "probes")
	var out bytes.Buffer
	scan := exec.Command(bin, "scan", "--no-config", "--format", "json", "--emit-probes", probes, appDir)
	scan.Stdout, scan.Stderr = &out, os.Stderr
	if err := scan.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 {
			return 2, fmt.Errorf("racecheck scan: %v", err)
		}
	}
	var rep struct {
		Findings []finding `json:"findings"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		return 2, fmt.Errorf("racecheck scan output: %v", err)
	}
	phase("scan and emit probes", t0)
	failed := false
	got := map[string]bool{}
	for _, f := range rep.Findings {
		got[f.key()] = true
	}
	want := map[string]bool{}
	for _, w := range wantFindings {
		want[w] = true
	}
	fmt.Println("\nscan of the proof app:")
	for _, k := range sortedKeys(got, want) {
		switch {
		case got[k] && want[k]:
			fmt.Printf("  ok          %s\n", k)
		case want[k]:
			failed = true
			fmt.Printf("  MISSED      %s\n", k)
		default:
			failed = true
			fmt.Printf("  UNEXPECTED  %s\n", k)
		}
	}

	// The probes.
	fill, err := loadFill(filepath.Join(appDir, "probe-fill.json"))
	if err != nil {
		return 2, err
	}
	entries, err := os.ReadDir(probes)
	if err != nil {
		return 2, fmt.Errorf("--emit-probes wrote nothing: %v", err)
	}
	base := "http://127.0.0.1:" + strconv.Itoa(appPort)
	var rows []row
	probed := map[string]bool{}
	t0 = time.Now()
	for _, e := range entries {
		sc, err := loadScenario(filepath.Join(probes, e.Name()))
		if err != nil {
			return 2, err
		}
		route := sc.route()
		fl, ok := fill[route]
		if !ok {
			return 2, fmt.Errorf("%s: no entry for %q in probe-fill.json", e.Name(), route)
		}
		probed[route] = true
		for _, mode := range strings.Split(o.modes, ",") {
			r := row{scenario: e.Name(), route: route, mode: mode, lock: sc.waves() > 1}
			for _, twin := range []string{"racy", "fixed"} {
				file := filepath.Join(tmp, fmt.Sprintf("%s.%s.%s.json", strings.TrimSuffix(e.Name(), ".yaml"), twin, mode))
				if err := sc.fill(fl, base, twin, file); err != nil {
					return 2, fmt.Errorf("%s: %v", e.Name(), err)
				}
				res, err := probe(bin, file, mode, o)
				if err != nil {
					return 2, fmt.Errorf("%s (%s twin, %s): %v", e.Name(), twin, mode, err)
				}
				if twin == "racy" {
					r.racy = res
				} else {
					r.fixed = res
				}
			}
			rows = append(rows, r)
		}
	}
	phase("\nprobes", t0)
	for _, t := range racyTwins {
		if !probed[t] {
			failed = true
			fmt.Printf("no probe generated for %s\n", t)
		}
	}
	if printTable(rows, o) {
		failed = true
	}
	if failed {
		return 1, nil
	}
	return 0, nil
}

func sortedKeys(ms ...map[string]bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		for k := range m {
			if !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	sort.Strings(out)
	return out
}

// fillEntry is what probe-fill.json gives for one route.
type fillEntry struct {
	Vars    map[string]string `json:"vars"`
	Headers map[string]string `json:"headers"`
	Body    *string           `json:"body"`
	Checks  []string          `json:"checks"`
}

func loadFill(path string) (map[string]fillEntry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]fillEntry
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return m, nil
}

// scenario is a generated scenario, decoded generically so that filling it
// keeps every key the generator wrote.
type scenario map[string]any

func loadScenario(path string) (scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var v any
	if err := yaml.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	sc, ok := stringKeys(v).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: not a mapping", path)
	}
	return sc, nil
}

// stringKeys turns every mapping in a decoded YAML value into a
// map[string]any.
func stringKeys(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			t[k] = stringKeys(x)
		}
		return t
	case map[any]any:
		m := make(map[string]any, len(t))
		for k, x := range t {
			m[fmt.Sprint(k)] = stringKeys(x)
		}
		return m
	case []any:
		for i, x := range t {
			t[i] = stringKeys(x)
		}
	}
	return v
}

func (sc scenario) race() map[string]any {
	r, _ := sc["race"].(map[string]any)
	return r
}

func (sc scenario) request() map[string]any {
	r, _ := sc.race()["request"].(map[string]any)
	return r
}

func (sc scenario) waves() int {
	w, _ := sc.race()["waves"].(int)
	return w
}

// route names the scenario's route as "METHOD pattern", from its name
// ("rule on METHOD pattern").
func (sc scenario) route() string {
	name, _ := sc["name"].(string)
	if i := strings.Index(name, " on "); i >= 0 {
		return name[i+4:]
	}
	return name
}

// fill writes the scenario for one twin as JSON, with the fill values.
func (sc scenario) fill(fl fillEntry, base, twin, path string) error {
	vars := map[string]any{}
	if v, ok := sc["vars"].(map[string]any); ok {
		for k, x := range v {
			vars[k] = x
		}
	}
	for k, v := range fl.Vars {
		vars[k] = v
	}
	headers := map[string]any{}
	if h, ok := sc["headers"].(map[string]any); ok {
		for k, x := range h {
			headers[k] = x
		}
	}
	for k, v := range fl.Headers {
		headers[k] = v
	}
	req := map[string]any{}
	for k, v := range sc.request() {
		req[k] = v
	}
	if fl.Body != nil {
		req["body"] = *fl.Body
	}
	u, _ := req["url"].(string)
	req["url"] = strings.Replace(u, "/racy/", "/"+twin+"/", 1)
	race := map[string]any{}
	for k, v := range sc.race() {
		race[k] = v
	}
	race["request"] = req
	out := map[string]any{}
	for k, v := range sc {
		out[k] = v
	}
	out["vars"], out["headers"], out["race"], out["base"] = vars, headers, race, base
	if fl.Checks != nil {
		out["checks"] = fl.Checks
	}
	// A body given whole leaves the generated per-field variables unused.
	probe, err := json.Marshal(map[string]any{"race": race, "checks": out["checks"], "setup": out["setup"], "headers": headers})
	if err != nil {
		return err
	}
	for k, v := range vars {
		if v == "FILL_ME" && !bytes.Contains(probe, []byte("{{"+k+"}}")) {
			delete(vars, k)
		}
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	if bytes.Contains(data, []byte("FILL_ME")) {
		return fmt.Errorf("a FILL_ME placeholder is left after filling: %s", data)
	}
	return os.WriteFile(path, data, 0o644)
}

// result is what one probe run showed.
type result struct {
	mode           string // the mode the probe used
	trials, failed int
	sendSpread     []float64 // µs, per trial
	arrivalSpread  []float64 // µs, per trial, when the app reported arrivals
}

// probe runs one scenario and reads its JSON report.
func probe(bin, file, mode string, o options) (result, error) {
	var out, errOut bytes.Buffer
	c := exec.Command(bin, "probe", "--scenario", file, "--format", "json", "--mode", mode,
		"--trials", strconv.Itoa(o.trials), "-n", strconv.Itoa(o.n), "--timing-header", "X-Arrival-Ns", "--max-time", "300s")
	c.Stdout, c.Stderr = &out, &errOut
	err := c.Run()
	var ee *exec.ExitError
	if err != nil && (!errors.As(err, &ee) || ee.ExitCode() != 1) {
		return result{}, fmt.Errorf("racecheck probe: %v: %s", err, strings.TrimSpace(errOut.String()))
	}
	if err := os.WriteFile(strings.TrimSuffix(file, ".json")+".report.json", out.Bytes(), 0o644); err != nil {
		return result{}, err
	}
	var rep struct {
		Mode   string `json:"mode"`
		Trials []struct {
			Pass                bool     `json:"pass"`
			SendSpreadMicros    float64  `json:"send_spread_us"`
			ArrivalSpreadMicros *float64 `json:"arrival_spread_us"`
		} `json:"trials"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		return result{}, fmt.Errorf("probe report: %v", err)
	}
	res := result{trials: len(rep.Trials), mode: rep.Mode}
	for _, t := range rep.Trials {
		if !t.Pass {
			res.failed++
		}
		res.sendSpread = append(res.sendSpread, t.SendSpreadMicros)
		if t.ArrivalSpreadMicros != nil {
			res.arrivalSpread = append(res.arrivalSpread, *t.ArrivalSpreadMicros)
		}
	}
	return res, nil
}

// row is one scenario in one mode against both twins.
type row struct {
	scenario, route, mode string
	lock                  bool
	racy, fixed           result
}

// median returns the median of xs, or -1 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return -1
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func spread(xs []float64) string {
	m := median(xs)
	if m < 0 {
		return "-"
	}
	if m >= 1000 {
		return fmt.Sprintf("%.2fms", m/1000)
	}
	return fmt.Sprintf("%.0fµs", m)
}

// The detection targets: trials of 20 in which a racy twin must show its
// race (a lock twin, probed in waves, 15). The gate, -min-racy and
// -min-lock, may be set lower for a run that must not fail on a rate that
// varies from run to run; the table still says which rows miss the targets.
const targetRacy, targetLock = 19, 15

// printTable prints the detection table and reports whether a row missed
// its target.
func printTable(rows []row, o options) bool {
	missed := false
	fmt.Printf("\n%-62s %-16s %-11s %-11s %-12s %-15s %s\n", "scenario", "mode", "racy shown", "fixed pass", "send spread", "arrival spread", "verdict")
	for _, r := range rows {
		need := o.minRacy
		if r.lock {
			need = o.minLock
		}
		ok := r.racy.failed >= need && r.fixed.failed == 0 && r.fixed.trials == o.trials
		target := targetRacy
		if r.lock {
			target = targetLock
		}
		verdict := "ok"
		switch {
		case ok && r.racy.failed < target:
			verdict = fmt.Sprintf("ok, below the %d/%d target", target, o.trials)
		case !ok && r.mode == o.gate:
			verdict = fmt.Sprintf("MISS (racy needs >= %d/%d, fixed %d/%d)", need, o.trials, o.trials, o.trials)
			missed = true
		case !ok:
			verdict = fmt.Sprintf("below target (>= %d/%d), not gated", need, o.trials)
		}
		mode := r.mode
		if r.racy.mode != "" && r.racy.mode != mode {
			mode += "=" + r.racy.mode
		}
		fmt.Printf("%-62s %-16s %-11s %-11s %-12s %-15s %s\n", strings.TrimSuffix(r.scenario, ".yaml"), mode,
			fmt.Sprintf("%d/%d", r.racy.failed, r.racy.trials), fmt.Sprintf("%d/%d", r.fixed.trials-r.fixed.failed, r.fixed.trials),
			spread(r.racy.sendSpread), spread(r.racy.arrivalSpread), verdict)
	}
	fmt.Printf("\nthe targets are gated in mode %s (the probe's default); other modes are reported only\n", o.gate)
	fmt.Println("spreads are medians over the racy twin's trials: send spread on the client, arrival spread from the app's X-Arrival-Ns header")
	return missed
}

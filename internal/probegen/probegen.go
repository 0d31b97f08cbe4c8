// Package probegen turns findings inside HTTP route handlers into probe
// scenarios: for each finding whose route is known, a scenario file for
// `racecheck probe --scenario` with the request template, placeholders for
// the ids and body fields the user fills in, and the expectation that
// shows the rule's race.
package probegen

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/racecheck/racecheck/internal/analysis"
)

// File is one generated scenario.
type File struct {
	Name    string // a base name, unique among the files of one Generate call
	Content []byte
}

// Options tune the scenarios.
type Options struct {
	Base   string // the app's base URL; default DefaultBase
	N      int    // requests per burst; default 20
	Trials int    // trials; default 20
}

// DefaultBase is the base URL written when none is given.
const DefaultBase = "http://127.0.0.1:3000"

// Fill is the placeholder value of everything the user must fill in.
const Fill = "FILL_ME"

// family is the kind of probe that shows a rule's race.
type family int

const (
	familyOnce        family = iota + 1 // one success at most, plus a state check
	familyCreateOnce                    // one creation at most, no error
	familyIdempotency                   // the idempotency-key mode
	familyWebhook                       // one event id delivered N times
	familyLock                          // waves of requests through a lock
)

// families maps rule ids to the probe that shows their race. Rules that
// are not races between requests (floating promises, sequential awaits)
// have none.
var families = map[string]family{
	"check-then-act":                 familyOnce,
	"fs-check-then-use":              familyOnce,
	"unchecked-optimistic-update":    familyOnce,
	"for-update-outside-transaction": familyOnce,
	"shared-state-across-await":      familyOnce,
	"find-or-create-race":            familyCreateOnce,
	"idempotency-race":               familyIdempotency,
	"webhook-without-dedup":          familyWebhook,
	"dedup-marker-before-effect":     familyWebhook,
	"redis-lock-unsafe-release":      familyLock,
	"redis-lock-without-ttl":         familyLock,
	"redis-lock-unsafe-extend":       familyLock,
	"redlock-unchecked-abort":        familyLock,
	"advisory-lock-connection":       familyLock,
	"lock-order":                     familyLock,
}

// Probeable reports whether findings of a rule get a scenario.
func Probeable(rule string) bool { return families[rule] != 0 }

// Generate returns one scenario per finding that has a route and a rule
// with a probe, in the order of the findings.
func Generate(findings []analysis.Finding, o Options) []File {
	if o.Base == "" {
		o.Base = DefaultBase
	}
	if o.N <= 0 {
		o.N = 20
	}
	if o.Trials <= 0 {
		o.Trials = 20
	}
	var out []File
	used := map[string]int{}
	for _, f := range findings {
		fam := families[f.Rule]
		if f.Route == nil || fam == 0 {
			continue
		}
		name := fileName(f)
		used[name]++
		if k := used[name]; k > 1 {
			name = strings.TrimSuffix(name, ".yaml") + "-" + strconv.Itoa(k) + ".yaml"
		}
		out = append(out, File{Name: name, Content: []byte(scenario(f, fam, o))})
	}
	return out
}

var nonWord = regexp.MustCompile(`[^a-z0-9]+`)

// fileName is METHOD-path.rule.yaml in lower case: post-cards-code-redeem.check-then-act.yaml.
func fileName(f analysis.Finding) string {
	slug := strings.Trim(nonWord.ReplaceAllString(strings.ToLower(f.Route.Path), "-"), "-")
	if slug == "" {
		slug = "root"
	}
	m := strings.Trim(nonWord.ReplaceAllString(strings.ToLower(method(f.Route)), "-"), "-")
	rule := strings.Trim(nonWord.ReplaceAllString(strings.ToLower(f.Rule), "-"), "-")
	return m + "-" + slug + "." + rule + ".yaml"
}

// pathParam matches a path parameter: :id (with an optional ? or a
// pattern in parentheses), [id], [...slug], [[...slug]], {id}.
var pathParam = regexp.MustCompile(`:([A-Za-z_][A-Za-z0-9_]*)(\([^)]*\))?\??|\[\[?(?:\.\.\.)?([A-Za-z_][A-Za-z0-9_]*)\]\]?|\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// urlTemplate replaces the path parameters of a route pattern with
// {{name}} and returns the names in order.
func urlTemplate(path string) (string, []string) {
	var names []string
	out := pathParam.ReplaceAllStringFunc(path, func(m string) string {
		sub := pathParam.FindStringSubmatch(m)
		name := sub[1] + sub[3] + sub[4]
		names = append(names, name)
		return "{{" + name + "}}"
	})
	out = strings.ReplaceAll(out, "*", "{{"+Fill+"}}")
	return out, names
}

// token matches an HTTP method.
var token = regexp.MustCompile(`^[A-Z]+$`)

// method returns the method to send: ALL (or anything that is not a
// method) becomes POST.
func method(r *analysis.Route) string {
	m := strings.ToUpper(r.Method)
	if m == "ALL" || !token.MatchString(m) {
		return "POST"
	}
	return m
}

// varName matches the names the probe accepts as {{variables}}.
var varName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// printable replaces what a YAML comment cannot hold (control characters,
// invalid UTF-8) with '?'.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfeff || r >= 0xfffe && r <= 0xffff {
			return '?'
		}
		return r
	}, s)
}

// eventIDFields are body fields that carry a webhook event's id.
var eventIDFields = map[string]bool{"id": true, "eventId": true, "event_id": true}

// scenario renders the YAML of one finding's scenario.
func scenario(f analysis.Finding, fam family, o Options) string {
	r := f.Route
	url, params := urlTemplate(r.Path)
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }

	line("# %s", printable(fmt.Sprintf("%s at %s:%d (%s %s, %s)", f.Rule, f.File, f.Line, r.Method, r.Path, r.Framework)))
	for _, l := range wrap(printable(f.Message), 76) {
		line("#   %s", l)
	}
	line("#")
	line("# Fill in every %s below, then run:", Fill)
	line("#   racecheck probe --scenario THIS_FILE [BASE-URL]")
	for _, p := range params {
		line("#   vars.%s: the :%s path parameter, the id of a record that exists after the reset", p, p)
	}
	bodyVars := map[string]bool{}
	for _, fld := range r.Body {
		if fam == familyWebhook && eventIDFields[fld] {
			continue
		}
		if !contains(params, fld) && varName.MatchString(fld) {
			bodyVars[fld] = true
			line("#   vars.%s: the %q field of the JSON body (remove the quotes around {{%s}} in race.request.body for a number)", fld, fld, fld)
		}
	}
	switch fam {
	case familyWebhook:
		line("#   race.request.body: the event as the provider sends it; every request of a trial carries the same event id (evt_{{random}}, fresh per trial)")
	case familyIdempotency:
		line("#   every request of a trial carries the same Idempotency-Key header (idempotency_key: true)")
	case familyLock:
		line("#   the race comes in waves: a request that arrives after another one released (or wrongly deleted) the lock")
	}
	line("#   vars.reset_path: a request that puts the state back before each trial (or delete the setup step)")
	line("#   checks: the state the race breaks (%s)", checkHint(fam))
	line("name: %s", quote(printable(f.Rule+" on "+r.Method+" "+r.Path)))
	line("base: %s", o.Base)
	line("headers:")
	line("  Content-Type: application/json")
	line("vars:")
	var names []string
	names = append(names, params...)
	for fld := range bodyVars {
		names = append(names, fld)
	}
	sort.Strings(names[len(params):])
	names = append(names, "reset_path", "state_path")
	for _, n := range names {
		line("  %s: %s", n, Fill)
	}
	line("trials: %d", o.Trials)
	line("# One burst first, not counted: a freshly started app (JIT, connection")
	line("# pools) is slower and less concurrent on its first requests.")
	line("warmup: 1")
	line("setup:")
	line("  - name: reset the state")
	line("    method: POST")
	line("    url: %s", quote("/{{reset_path}}"))
	line("# Before every burst, the state request sent n times at once and not")
	line("# counted: it fills the app's connection pools. A pool such as pg's closes")
	line("# a connection whose query failed, and a burst that has to wait for new")
	line("# connections runs one request after another.")
	line("prime:")
	line("  method: GET")
	line("  url: %s", quote("/{{state_path}}"))
	line("race:")
	line("  n: %d", o.N)
	if fam == familyLock {
		// A lock race needs a request that arrives after another one
		// released (or wrongly deleted) the lock: several waves. Each wave
		// gives it one more chance; on the proof app five waves showed the
		// race in 11 to 16 trials of 20, ten in 18 to 20.
		line("  waves: 10")
		line("  wave_gap: 200us")
	}
	line("  request:")
	line("    method: %s", method(r))
	line("    url: %s", quote(printable(url)))
	if body := bodyTemplate(r.Body, fam); body != "" {
		line("    body: %s", quote(printable(body)))
	}
	if fam == familyIdempotency {
		line("idempotency_key: true")
	}
	line("expect:")
	for _, e := range expectations(fam) {
		line("  - %s", e)
	}
	line("checks:")
	line("  - %s", quote("GET /{{state_path}} ."+Fill+" "+checkCmp(fam)))
	return b.String()
}

// bodyTemplate renders the JSON body with a {{field}} placeholder per
// field; a webhook's event id is fixed for the trial, so every request of
// the burst delivers the same event.
func bodyTemplate(fields []string, fam family) string {
	if fam == familyWebhook && !hasEventID(fields) {
		fields = append([]string{"id"}, fields...)
	}
	if len(fields) == 0 {
		return ""
	}
	parts := make([]string, 0, len(fields))
	for _, fld := range fields {
		v := `"{{` + fld + `}}"`
		switch {
		case fam == familyWebhook && eventIDFields[fld]:
			v = `"evt_{{random}}"`
		case !varName.MatchString(fld):
			v = `"` + Fill + `"`
		}
		key, _ := json.Marshal(fld)
		parts = append(parts, string(key)+": "+v)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// hasEventID reports whether the body fields hold a webhook event's id.
func hasEventID(fields []string) bool {
	for _, f := range fields {
		if eventIDFields[f] {
			return true
		}
	}
	return false
}

// expectations returns the response counts that hold when the race does
// not happen.
func expectations(fam family) []string {
	switch fam {
	case familyOnce:
		return []string{"status 2xx <= 1", "status 5xx == 0"}
	case familyCreateOnce:
		return []string{"status 201 <= 1", "status 5xx == 0"}
	}
	return []string{"status 5xx == 0"}
}

// checkCmp is the comparison of the state check, by family.
func checkCmp(fam family) string {
	switch fam {
	case familyCreateOnce:
		return "== 1"
	case familyWebhook:
		return "== 1"
	case familyLock:
		return "== {{successes}}"
	}
	return "<= 1"
}

// checkHint says what the state check should read.
func checkHint(fam family) string {
	switch fam {
	case familyOnce:
		return "e.g. how often the record was used, at most 1"
	case familyCreateOnce:
		return "e.g. how many records the key has, exactly 1"
	case familyIdempotency:
		return "e.g. how often the work ran for the key, at most 1"
	case familyWebhook:
		return "e.g. how often the event's effect was applied, exactly 1"
	}
	return "e.g. the counter the lock protects, equal to the successes"
}

// wrap splits text into lines of at most width bytes at spaces.
func wrap(text string, width int) []string {
	var out []string
	cur := ""
	for _, w := range strings.Fields(text) {
		if cur != "" && len(cur)+1+len(w) > width {
			out = append(out, cur)
			cur = ""
		}
		if cur != "" {
			cur += " "
		}
		cur += w
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// quote writes a YAML single-quoted scalar.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

package probe

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Scenario is the file format of --scenario, in JSON or YAML:
//
//	base: http://127.0.0.1:3000        # relative URLs are resolved against it
//	headers: {Content-Type: application/json}  # sent with every request
//	vars: {amount: "100"}              # fixed variables
//	trials: 5                          # default trials (flags override)
//	mode: auto                         # default mode (flags override)
//	setup:                             # run before every trial, in order
//	  - name: create coupon
//	    method: POST
//	    url: /coupons
//	    body: {uses: 1}                # a string is sent as is, anything else as JSON
//	    status: 201                    # expected status (default 2xx)
//	    capture: {coupon: .id}         # variables taken from the JSON response
//	prime: {method: GET, url: /coupons/{{coupon}}}  # sent n times at once after setup
//	race:
//	  n: 20                            # how often "request" is repeated
//	  request: {method: POST, url: "/coupons/{{coupon}}/redeem"}
//	  # or a group of different requests sent together:
//	  # requests: [{method: POST, url: /a, count: 10}, {method: POST, url: /b}]
//	  waves: 3                         # synchronised bursts per trial (default 1)
//	  wave_gap: 1ms                    # from one wave's final writes to the next's
//	  jitter: 0s                       # random delay 0..jitter per request
//	expect: ["status 2xx == 1"]
//	checks:
//	  - "GET /coupons/{{coupon}} .uses >= 0"
//	  - {url: "/coupons/{{coupon}}", path: .redeemed, cmp: "== {{successes}}"}
//	idempotency_key: true              # or a fixed key, or an object:
//	# idempotency_key: {key: k-1, header: Idempotency-Key, ignore_fields: [.createdAt]}
//
// Durations (wave_gap, jitter) are Go durations such as 1ms or 500us; 0
// may be written as a number.
type Scenario struct {
	Name           string            `json:"name" yaml:"name"`
	Base           string            `json:"base" yaml:"base"`
	Headers        map[string]string `json:"headers" yaml:"headers"`
	Vars           map[string]string `json:"vars" yaml:"vars"`
	Trials         int               `json:"trials" yaml:"trials"`
	Warmup         int               `json:"warmup" yaml:"warmup"`
	Mode           string            `json:"mode" yaml:"mode"`
	Setup          []ScenarioStep    `json:"setup" yaml:"setup"`
	Prime          *ScenarioStep     `json:"prime" yaml:"prime"`
	Race           ScenarioRace      `json:"race" yaml:"race"`
	Expect         []string          `json:"expect" yaml:"expect"`
	Checks         []any             `json:"checks" yaml:"checks"`
	IdempotencyKey any               `json:"idempotency_key" yaml:"idempotency_key"`
}

// ScenarioStep is a setup request or one request of a race group.
type ScenarioStep struct {
	Name    string            `json:"name" yaml:"name"`
	Method  string            `json:"method" yaml:"method"`
	URL     string            `json:"url" yaml:"url"`
	Headers map[string]string `json:"headers" yaml:"headers"`
	Body    any               `json:"body" yaml:"body"`
	Status  any               `json:"status" yaml:"status"`
	Capture map[string]string `json:"capture" yaml:"capture"`
	Count   int               `json:"count" yaml:"count"`
}

// ScenarioRace describes the burst.
type ScenarioRace struct {
	N        int            `json:"n" yaml:"n"`
	Request  *ScenarioStep  `json:"request" yaml:"request"`
	Requests []ScenarioStep `json:"requests" yaml:"requests"`
	Waves    int            `json:"waves" yaml:"waves"`
	WaveGap  any            `json:"wave_gap" yaml:"wave_gap"`
	Jitter   any            `json:"jitter" yaml:"jitter"`
}

// scenarioDuration reads a duration field: a Go duration string, or the
// number 0. It returns -1 when the field is absent.
func scenarioDuration(name string, v any, max time.Duration) (time.Duration, error) {
	var d time.Duration
	switch t := v.(type) {
	case nil:
		return -1, nil
	case string:
		var err error
		d, err = time.ParseDuration(strings.TrimSpace(t))
		if err != nil {
			return 0, fmt.Errorf("scenario: race.%s: %q is not a duration (write e.g. 1ms or 500us)", name, t)
		}
	case int:
		if t != 0 {
			return 0, fmt.Errorf("scenario: race.%s: %d has no unit (write e.g. %dms)", name, t, t)
		}
	case float64:
		if t != 0 {
			return 0, fmt.Errorf("scenario: race.%s: %v has no unit (write e.g. %vms)", name, t, t)
		}
	default:
		return 0, fmt.Errorf("scenario: race.%s must be a duration such as 1ms", name)
	}
	if d < 0 || d > max {
		return 0, fmt.Errorf("scenario: race.%s must be between 0 and %v", name, max)
	}
	return d, nil
}

// ParseScenario decodes a scenario from JSON (when the text starts with
// '{') or YAML. Unknown fields are errors.
func ParseScenario(data []byte) (*Scenario, error) {
	var sc Scenario
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&sc); err != nil {
			return nil, fmt.Errorf("scenario: %v", err)
		}
		if dec.More() {
			return nil, errors.New("scenario: unexpected data after the JSON object")
		}
		return &sc, nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&sc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("scenario: file is empty")
		}
		return nil, fmt.Errorf("scenario: %v", err)
	}
	return &sc, nil
}

// setupStep is a compiled setup request.
type setupStep struct {
	name    string
	req     RequestSpec
	status  []statusSel
	capture []capture
}

type capture struct {
	name string
	path *valuePath
}

// headerList turns a header map into a sorted list.
func headerList(m map[string]string) []Header {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]Header, 0, len(m))
	for _, k := range names {
		out = append(out, Header{k, m[k]})
	}
	return out
}

// bodyText renders a body field: strings as is, other values as JSON.
func bodyText(b any) (string, error) {
	switch t := b.(type) {
	case nil:
		return "", nil
	case string:
		return t, nil
	}
	out, err := json.Marshal(b)
	if err != nil {
		return "", fmt.Errorf("body cannot be written as JSON: %v", err)
	}
	return string(out), nil
}

// resolveURL resolves a possibly relative URL against base. Variables are
// kept: they are substituted per trial.
func resolveURL(base, raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", errors.New("missing url")
	}
	if strings.HasPrefix(raw, "http://") || strings.HasPrefix(raw, "https://") || strings.HasPrefix(raw, "{{") {
		return raw, nil
	}
	if base == "" {
		return "", fmt.Errorf("url %q is relative but the scenario has no base (or pass a URL argument)", raw)
	}
	if !strings.HasPrefix(raw, "/") {
		raw = "/" + raw
	}
	if _, err := url.Parse(base); err != nil {
		return "", fmt.Errorf("bad base %q: %v", base, err)
	}
	return strings.TrimSuffix(base, "/") + raw, nil
}

// compileStep turns a step into a request spec, checking its variables.
func (sc *Scenario) compileStep(st ScenarioStep, base string, defaults []Header, known map[string]bool) (RequestSpec, error) {
	u, err := resolveURL(base, st.URL)
	if err != nil {
		return RequestSpec{}, err
	}
	body, err := bodyText(st.Body)
	if err != nil {
		return RequestSpec{}, err
	}
	method := strings.ToUpper(strings.TrimSpace(st.Method))
	if method == "" {
		method = "GET"
		if body != "" {
			method = "POST"
		}
	}
	if !isToken(method) {
		return RequestSpec{}, fmt.Errorf("bad method %q", st.Method)
	}
	spec := RequestSpec{Method: method, URL: u, Body: body}
	spec.Header = mergeHeaders(defaults, headerList(st.Headers))
	for _, s := range []string{u, body} {
		if err := checkVars(s, known); err != nil {
			return RequestSpec{}, err
		}
	}
	for _, h := range spec.Header {
		if !isToken(h.Name) {
			return RequestSpec{}, fmt.Errorf("bad header name %q", h.Name)
		}
		if err := checkVars(h.Value, known); err != nil {
			return RequestSpec{}, err
		}
	}
	return spec, nil
}

// mergeHeaders returns defaults overridden by extra (by name).
func mergeHeaders(defaults, extra []Header) []Header {
	out := []Header{}
	for _, d := range defaults {
		overridden := false
		for _, e := range extra {
			if strings.EqualFold(e.Name, d.Name) {
				overridden = true
			}
		}
		if !overridden {
			out = append(out, d)
		}
	}
	return append(out, extra...)
}

// parseStatusList parses a step's expected status: a code, a class or a
// list of those; nil means 2xx.
func parseStatusList(v any) ([]statusSel, error) {
	var text string
	switch t := v.(type) {
	case nil:
		return []statusSel{{class: 2}}, nil
	case int:
		text = fmt.Sprint(t)
	case float64:
		text = fmt.Sprint(t)
	case string:
		text = t
	case []any:
		var parts []string
		for _, p := range t {
			parts = append(parts, fmt.Sprint(p))
		}
		text = strings.Join(parts, ",")
	default:
		return nil, fmt.Errorf("bad status %v", v)
	}
	var sels []statusSel
	for _, p := range strings.Split(text, ",") {
		sel, err := parseStatusSel(p)
		if err != nil {
			return nil, err
		}
		if sel.err {
			return nil, fmt.Errorf("status %q: a setup step must get a response", p)
		}
		sels = append(sels, sel)
	}
	return sels, nil
}

// compile turns the scenario into a plan. base overrides the file's base
// when not empty; n overrides race.n when positive.
func (sc *Scenario) compile(base string, n int) (*plan, error) {
	if base == "" {
		base = sc.Base
	}
	p := &plan{vars: map[string]string{}, trials: sc.Trials, warmup: sc.Warmup, mode: sc.Mode, name: sc.Name}
	known := builtinVars()
	for k, v := range sc.Vars {
		if !varRef.MatchString("{{" + k + "}}") {
			return nil, fmt.Errorf("scenario: bad variable name %q", k)
		}
		if known[k] {
			return nil, fmt.Errorf("scenario: variable %q is built in", k)
		}
		known[k] = true
		p.vars[k] = v
	}
	defaults := headerList(sc.Headers)
	p.checkHeaders = defaults
	for i, st := range sc.Setup {
		name := st.Name
		if name == "" {
			name = fmt.Sprintf("setup step %d", i+1)
		}
		if st.Count != 0 {
			return nil, fmt.Errorf("scenario: %s: count is only allowed in race.requests", name)
		}
		spec, err := sc.compileStep(st, base, defaults, known)
		if err != nil {
			return nil, fmt.Errorf("scenario: %s: %v", name, err)
		}
		sels, err := parseStatusList(st.Status)
		if err != nil {
			return nil, fmt.Errorf("scenario: %s: %v", name, err)
		}
		step := setupStep{name: name, req: spec, status: sels}
		caps := make([]string, 0, len(st.Capture))
		for k := range st.Capture {
			caps = append(caps, k)
		}
		sort.Strings(caps)
		for _, k := range caps {
			if !varRef.MatchString("{{" + k + "}}") {
				return nil, fmt.Errorf("scenario: %s: bad variable name %q", name, k)
			}
			if builtinVars()[k] || k == varSuccesses {
				return nil, fmt.Errorf("scenario: %s: variable %q is built in", name, k)
			}
			path, err := parsePath(st.Capture[k])
			if err != nil {
				return nil, fmt.Errorf("scenario: %s: capture %s: %v", name, k, err)
			}
			step.capture = append(step.capture, capture{k, path})
			known[k] = true
		}
		p.setup = append(p.setup, step)
	}

	if st := sc.Prime; st != nil {
		if st.Count != 0 || len(st.Capture) > 0 {
			return nil, errors.New("scenario: prime: count and capture are not allowed; prime is one request sent race.n times")
		}
		spec, err := sc.compileStep(*st, base, defaults, known)
		if err != nil {
			return nil, fmt.Errorf("scenario: prime: %v", err)
		}
		sels, err := parseStatusList(st.Status)
		if err != nil {
			return nil, fmt.Errorf("scenario: prime: %v", err)
		}
		p.prime = &setupStep{name: "prime", req: spec, status: sels}
	}

	r := sc.Race
	switch {
	case r.Request != nil && len(r.Requests) > 0:
		return nil, errors.New("scenario: race has both request and requests; use one")
	case r.Request != nil:
		if r.Request.Count != 0 || r.Request.Capture != nil || r.Request.Status != nil {
			return nil, errors.New("scenario: race.request takes no count, status or capture (use race.n)")
		}
		cnt := r.N
		if n > 0 {
			cnt = n
		}
		if cnt == 0 {
			cnt = defaultN
		}
		if cnt < 1 || cnt > maxN {
			return nil, fmt.Errorf("scenario: race.n must be between 1 and %d", maxN)
		}
		spec, err := sc.compileStep(*r.Request, base, defaults, known)
		if err != nil {
			return nil, fmt.Errorf("scenario: race.request: %v", err)
		}
		for range cnt {
			p.race = append(p.race, spec)
			p.group = append(p.group, 0)
		}
		p.groups = 1
	case len(r.Requests) > 0:
		if r.N != 0 || n > 0 {
			return nil, errors.New("scenario: race.requests is a fixed group; set count on its entries instead of n")
		}
		for i, st := range r.Requests {
			if st.Capture != nil || st.Status != nil {
				return nil, fmt.Errorf("scenario: race.requests[%d]: no status or capture in a race", i)
			}
			cnt := st.Count
			if cnt == 0 {
				cnt = 1
			}
			if cnt < 1 || len(p.race)+cnt > maxN {
				return nil, fmt.Errorf("scenario: race.requests: counts must be positive and add up to at most %d", maxN)
			}
			spec, err := sc.compileStep(st, base, defaults, known)
			if err != nil {
				return nil, fmt.Errorf("scenario: race.requests[%d]: %v", i, err)
			}
			for range cnt {
				p.race = append(p.race, spec)
				p.group = append(p.group, i)
			}
			p.groups++
		}
	default:
		return nil, errors.New("scenario: race.request or race.requests is required")
	}

	if r.Waves < 0 || r.Waves > maxWaves {
		return nil, fmt.Errorf("scenario: race.waves must be between 1 and %d", maxWaves)
	}
	p.waves = r.Waves
	var err error
	if p.waveGap, err = scenarioDuration("wave_gap", r.WaveGap, maxWaveGap); err != nil {
		return nil, err
	}
	if p.jitter, err = scenarioDuration("jitter", r.Jitter, maxJitter); err != nil {
		return nil, err
	}
	for _, e := range sc.Expect {
		ex, err := ParseExpectation(e)
		if err != nil {
			return nil, fmt.Errorf("scenario: %v", err)
		}
		p.expects = append(p.expects, ex)
	}
	for i, c := range sc.Checks {
		chk, err := sc.compileCheck(c, base, known)
		if err != nil {
			return nil, fmt.Errorf("scenario: checks[%d]: %v", i, err)
		}
		p.checks = append(p.checks, chk)
	}
	switch k := sc.IdempotencyKey.(type) {
	case nil:
	case bool:
		if k {
			p.idem = &idemConfig{header: defaultIdemHeader}
		}
	case string:
		if strings.ContainsAny(k, "\r\n") || k == "" {
			return nil, errors.New("scenario: bad idempotency_key")
		}
		p.idem = &idemConfig{header: defaultIdemHeader, key: k}
	case map[string]any:
		idem, err := idemFromMap(k)
		if err != nil {
			return nil, fmt.Errorf("scenario: idempotency_key: %v", err)
		}
		p.idem = idem
	default:
		return nil, errors.New("scenario: idempotency_key must be true, a key, or an object {key, header, ignore_fields}")
	}
	return p, nil
}

// idemFromMap reads the object form of idempotency_key: key (default a
// fresh random key per trial), header (default Idempotency-Key) and
// ignore_fields (paths left out when responses are compared).
func idemFromMap(m map[string]any) (*idemConfig, error) {
	c := &idemConfig{header: defaultIdemHeader}
	for k, v := range m {
		switch k {
		case "key":
			s, ok := v.(string)
			if !ok || s == "" || strings.ContainsAny(s, "\r\n") {
				return nil, errors.New("key must be a non-empty string on one line")
			}
			c.key = s
		case "header":
			s, ok := v.(string)
			if !ok || !isToken(s) {
				return nil, fmt.Errorf("header must be a header name, got %v", v)
			}
			c.header = s
		case "ignore_fields":
			list, ok := v.([]any)
			if !ok {
				return nil, errors.New("ignore_fields must be a list of paths such as [.createdAt]")
			}
			for _, e := range list {
				s, ok := e.(string)
				if !ok {
					return nil, fmt.Errorf("ignore_fields: %v is not a path", e)
				}
				ip, err := parseIgnorePath(s)
				if err != nil {
					return nil, err
				}
				c.ignore = append(c.ignore, ip)
			}
		default:
			return nil, fmt.Errorf("unknown field %q (want key, header, ignore_fields)", k)
		}
	}
	return c, nil
}

// compileCheck accepts the compact string form or an object with url,
// method, path and cmp.
func (sc *Scenario) compileCheck(c any, base string, known map[string]bool) (*Check, error) {
	switch t := c.(type) {
	case string:
		method, u, rest, err := parseCheckTarget(t)
		if err != nil {
			return nil, err
		}
		if u, err = resolveURL(base, u); err != nil {
			return nil, err
		}
		return ParseCheck(method+" "+u+" "+rest, known)
	case map[string]any:
		get := func(k string) (string, error) {
			v, ok := t[k]
			if !ok || v == nil {
				return "", nil
			}
			s, ok := v.(string)
			if !ok {
				return "", fmt.Errorf("%s must be a string", k)
			}
			return s, nil
		}
		for k := range t {
			switch k {
			case "url", "method", "path", "cmp":
			default:
				return nil, fmt.Errorf("unknown field %q (want url, method, path, cmp)", k)
			}
		}
		var parts [4]string
		for i, k := range []string{"url", "method", "path", "cmp"} {
			s, err := get(k)
			if err != nil {
				return nil, err
			}
			parts[i] = s
		}
		u, err := resolveURL(base, parts[0])
		if err != nil {
			return nil, err
		}
		method := strings.ToUpper(parts[1])
		if method == "" {
			method = "GET"
		}
		if !isMethod(method) {
			return nil, fmt.Errorf("bad method %q", parts[1])
		}
		if strings.ContainsAny(u, " \t") {
			return nil, fmt.Errorf("url %q contains spaces", u)
		}
		return newCheckParts(method+" "+u, parts[2], parts[3], known)
	}
	return nil, errors.New("a check is a string 'GET URL .path OP VALUE' or an object {url, path, cmp}")
}

// Package probe implements "racecheck probe": it proves a race condition
// against a running HTTP server by sending N requests that arrive at the
// same moment and checking invariants afterwards, such as "exactly one
// request succeeded" or "a replayed Idempotency-Key gets the same answer".
//
// Requests are synchronised with one of four modes:
//
//   - h2: the HTTP/2 single-packet attack. Every request's HEADERS and all
//     of its body but the last byte go out first; after a PING round trip
//     the final DATA frames of all streams are written with one Write, so
//     they reach the server in one TCP packet.
//   - h1-pipeline: all requests written at once on one HTTP/1.1
//     connection. Node.js starts every pipelined request's handler as soon
//     as it is parsed, so the handlers run concurrently.
//   - h1-lastbyte: one connection per request; everything but the last
//     byte is sent, then the last bytes are written back to back.
//   - naive: one goroutine and connection per request; the baseline.
//
// A trial is one protocol throughout: setup requests, checks and the
// idempotency replay use HTTP/2 after an h2 burst (h2 over TLS, h2c over
// cleartext) and HTTP/1.1 otherwise. With --waves K a trial sends K
// synchronised bursts (waves) --wave-gap apart, for races that need a
// request to arrive after another one has done part of its work, and
// --jitter spreads each request's final bytes over a random delay.
// Expectations count the responses of all waves of a trial.
//
// The exit status is 1 only when an expectation or check was violated by
// responses that were received and understood; a setup, check or replay
// that cannot be completed or evaluated ends the run with exit status 2.
//
// Only loopback targets are probed unless other hosts are explicitly
// allowed, and the number of requests, trials and the total time are
// bounded.
package probe

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

const (
	defaultN          = 20
	maxN              = 1000
	maxTrials         = 1000
	defaultIdemHeader = "Idempotency-Key"
	maxWaves          = 100
	maxTotalRequests  = 5000 // requests per trial over all waves
	maxWaveGap        = 10 * time.Second
	maxJitter         = 10 * time.Second
	defaultWaveGap    = time.Millisecond
)

// Sending modes.
const (
	modeAuto       = "auto"
	modeH2         = "h2"
	modePipeline   = "h1-pipeline"
	modeLastByte   = "h1-lastbyte"
	modeNaive      = "naive"
	modeListForErr = "auto, h2, h1-pipeline, h1-lastbyte, naive"
)

func validMode(m string) bool {
	switch m {
	case modeAuto, modeH2, modePipeline, modeLastByte, modeNaive:
		return true
	}
	return false
}

// idemConfig is the --idempotency-key setting; an empty key means a fresh
// random key per trial.
type idemConfig struct {
	header string
	key    string
	ignore []*valuePath // fields left out when bodies are compared as JSON
}

// plan is everything a run does, independent of where it came from.
type plan struct {
	name         string
	vars         map[string]string
	setup        []setupStep
	prime        *setupStep // sent len(race) times at once after setup
	race         []RequestSpec
	expects      []*Expectation
	checks       []*Check
	checkHeaders []Header
	idem         *idemConfig
	trials       int
	warmup       int
	mode         string
	waves        int
	waveGap      time.Duration
	jitter       time.Duration
	// groups is the number of distinct requests of the race (entries of
	// race.requests); group[i] is the entry race[i] comes from
	groups int
	group  []int
}

// options are the parsed command line.
type options struct {
	method     string
	headers    []Header
	data       string
	hasData    bool
	n          int
	trials     int
	warmup     int
	mode       string
	expects    []string
	checks     []*checkFlag
	setups     []string
	prime      string
	idem       *idemConfig
	ignore     []string
	waves      int
	waveGap    time.Duration
	jitter     time.Duration
	timingHdr  string
	scenario   string
	format     string
	timeout    time.Duration
	maxTime    time.Duration
	settle     time.Duration
	insecure   bool
	allowHosts []string
	url        string
	set        map[string]bool // flags given explicitly
}

// checkFlag collects --check with its following --path and --cmp.
type checkFlag struct {
	target, path, cmp string
}

type multiString struct{ list *[]string }

func (m multiString) String() string     { return "" }
func (m multiString) Set(s string) error { *m.list = append(*m.list, s); return nil }

type headerFlag struct{ list *[]Header }

func (h headerFlag) String() string { return "" }
func (h headerFlag) Set(s string) error {
	name, value, ok := strings.Cut(s, ":")
	name = strings.TrimSpace(name)
	if !ok || !isToken(name) {
		return fmt.Errorf("want 'Name: value', got %q", s)
	}
	*h.list = append(*h.list, Header{name, strings.TrimSpace(value)})
	return nil
}

type checkListFlag struct{ o *options }

func (c checkListFlag) String() string { return "" }
func (c checkListFlag) Set(s string) error {
	c.o.checks = append(c.o.checks, &checkFlag{target: s})
	return nil
}

type checkPartFlag struct {
	o    *options
	name string
}

func (c checkPartFlag) String() string { return "" }
func (c checkPartFlag) Set(s string) error {
	if len(c.o.checks) == 0 {
		return fmt.Errorf("--%s must follow a --check", c.name)
	}
	last := c.o.checks[len(c.o.checks)-1]
	if c.name == "path" {
		last.path = s
	} else {
		last.cmp = s
	}
	return nil
}

// idemFlag is --idempotency-key with an optional value.
type idemFlag struct{ o *options }

func (f idemFlag) String() string   { return "" }
func (f idemFlag) IsBoolFlag() bool { return true }
func (f idemFlag) Set(s string) error {
	if f.o.idem == nil {
		f.o.idem = &idemConfig{header: defaultIdemHeader}
	}
	if s == "true" {
		f.o.idem.key = ""
		return nil
	}
	if s == "false" {
		f.o.idem = nil
		return nil
	}
	if s == "" || strings.ContainsAny(s, "\r\n") {
		return errors.New("bad key")
	}
	f.o.idem.key = s
	return nil
}

const usageText = `usage: racecheck probe [flags] URL
       racecheck probe --scenario FILE [flags] [BASE-URL]

Sends N requests that reach the server at the same moment and checks that
the application's invariants held. Exit status: 0 every expectation held in
every trial, 1 a race was shown (an expectation or check was violated by
responses that were received and understood), 2 usage error, or a request,
setup step, check or replay that could not be completed or evaluated.

Request:
  -X, --method METHOD     request method (default GET, or POST with -d)
  -H, --header 'N: V'     request header (repeatable)
  -d, --data BODY         request body, or @FILE to read it from a file
  -n N                    requests per burst (default 20, max 1000)
      --trials T          bursts to send (default 1, max 1000)
      --warmup W          bursts sent first and not counted (default 0): a freshly
                          started app (JIT, connection pools) is slower and less
                          concurrent on its first requests
      --mode MODE         auto, h2, h1-pipeline, h1-lastbyte or naive (default auto)
                          auto: h2 single-packet when the server speaks HTTP/2
                          (ALPN for https, h2c prior knowledge for http), else
                          HTTP/1.1 pipelining, else last-byte synchronisation.
                          Go's net/http answers pipelined requests one at a time:
                          use h1-lastbyte for such servers. Setup requests, checks
                          and replays use the burst's protocol: HTTP/2 (h2 or h2c)
                          after an h2 burst, HTTP/1.1 otherwise.
      --waves K           synchronised bursts of N requests per trial (default 1,
                          max 100); expectations count the responses of all waves,
                          e.g. 'status 2xx == 1' holds over all K*N requests, and
                          {{n}} is K*N. For lock races: --waves 3 --wave-gap 1ms
      --wave-gap D        time from one wave's final writes to the next's (default
                          1ms); the answers are not awaited
      --jitter D          delay each request's final bytes by a random 0..D
                          (default 0: all at once)

Expectations (each is PASS or FAIL in every trial):
      --expect RULE       'status SELECTOR OP COUNT' (repeatable), e.g.
                          'status 2xx == 1', 'status 201 <= 1', 'status 409 >= {{n}}-1',
                          'status err == 0'. SELECTOR: a class (2xx), a code (201),
                          err (no response) or a list (200,201). OP: == != < <= > >=.
                          Without --expect and --idempotency-key: 'status 5xx == 0'.
      --check CHECK       request sent after every burst, with a comparison:
                          '[METHOD] URL PATH OP VALUE', e.g.
                          'GET http://127.0.0.1:3000/accounts/1 .balance >= 0'
                          or --check 'GET URL' --path .balance --cmp '>= 0'.
                          PATH: .field, .a.b[0].c, .["odd key"], . (whole body),
                          len(.items), or status (the HTTP status). VALUE: number,
                          string ("quoted" or bare), true, false, null; variables
                          {{successes}} (2xx responses in the trial), {{n}}, {{trial}},
                          and arithmetic with + - * / and parentheses, e.g.
                          ({{successes}}-1)*2. Checks send the -H headers. A check
                          that cannot connect, or whose PATH is not in the response,
                          ends the run with exit status 2.
      --setup '[METHOD] URL'
                          request sent before every burst, e.g. a reset endpoint;
                          it must answer 2xx (repeatable)
      --prime '[METHOD] URL'
                          request sent -n times at once after setup and before
                          every burst, not counted; it must answer 2xx. Use a
                          read-only endpoint that queries the same database: it
                          fills the app's connection pools to the size of the
                          burst. A pool such as pg's closes a connection whose
                          query failed, so after a trial whose duplicates failed
                          the next burst waits for new connections, and the
                          requests then run one after another
      --path PATH         path for the preceding --check
      --cmp 'OP VALUE'    comparison for the preceding --check
      --idempotency-key[=KEY]
                          send the same Idempotency-Key with every request (a fresh
                          random key per trial without KEY) and assert one execution:
                          all 2xx bodies identical, every other response 409, and a
                          replay after the burst identical to the first success.
                          JSON bodies are compared as JSON: key order, white space
                          and the spelling of numbers do not matter
      --ignore-field PATH leave this field out when comparing idempotent responses,
                          e.g. .createdAt or .data.requestId (repeatable)
      --idempotency-header NAME
                          header name for the key (default Idempotency-Key)
      --scenario FILE     JSON or YAML scenario: setup requests with captured
                          variables, the race, expectations and checks (see
                          examples/probe/)

Output and limits:
      --format FORMAT     text or json (default text)
      --timing-header NAME
                          response header in which the app reports when the request
                          arrived: integer nanoseconds (process.hrtime.bigint()) or
                          milliseconds with a decimal point (performance.now()
                          .toFixed(3)); the arrival spread per wave is reported next
                          to the send spread (see docs/probe-timing.md)
      --timeout D         per-burst and per-request timeout (default 10s)
      --max-time D        limit for the whole run (default 60s)
      --settle D          pause between sending request prefixes and the final
                          bytes (default 10ms)
      --insecure          skip TLS certificate verification
      --allow-host HOST   allow a target that is not loopback (repeatable); only
                          127.0.0.0/8, ::1 and localhost are probed otherwise

Variables {{n}}, {{i}} (request index), {{trial}} and {{random}} can be used in
the URL, headers and body.

Examples:
  racecheck probe -X POST -n 20 --expect 'status 2xx == 1' http://127.0.0.1:3000/redeem
  racecheck probe -X POST --trials 10 --setup 'POST http://127.0.0.1:3000/reset' \
      --check 'GET http://127.0.0.1:3000/state .uses >= 0' http://127.0.0.1:3000/redeem
  racecheck probe -X POST -d '{"amount":10}' -H 'Content-Type: application/json' --idempotency-key http://127.0.0.1:3000/pay
  racecheck probe --scenario examples/probe/coupon.yaml
`

// parseArgs parses the command line. Flags and the URL may come in any order.
func parseArgs(args []string, stderr io.Writer) (*options, error) {
	o := &options{set: map[string]bool{}}
	fs := flag.NewFlagSet("probe", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&o.method, "X", "", "")
	fs.StringVar(&o.method, "method", "", "")
	fs.Var(headerFlag{&o.headers}, "H", "")
	fs.Var(headerFlag{&o.headers}, "header", "")
	fs.Func("d", "", func(s string) error { o.data, o.hasData = s, true; return nil })
	fs.Func("data", "", func(s string) error { o.data, o.hasData = s, true; return nil })
	fs.IntVar(&o.n, "n", defaultN, "")
	fs.IntVar(&o.trials, "trials", 1, "")
	fs.IntVar(&o.warmup, "warmup", 0, "")
	fs.StringVar(&o.mode, "mode", modeAuto, "")
	fs.Var(multiString{&o.expects}, "expect", "")
	fs.Var(multiString{&o.setups}, "setup", "")
	fs.StringVar(&o.prime, "prime", "", "")
	fs.Var(checkListFlag{o}, "check", "")
	fs.Var(checkPartFlag{o, "path"}, "path", "")
	fs.Var(checkPartFlag{o, "cmp"}, "cmp", "")
	fs.Var(idemFlag{o}, "idempotency-key", "")
	idemHeader := fs.String("idempotency-header", defaultIdemHeader, "")
	fs.Var(multiString{&o.ignore}, "ignore-field", "")
	fs.IntVar(&o.waves, "waves", 1, "")
	fs.DurationVar(&o.waveGap, "wave-gap", defaultWaveGap, "")
	fs.DurationVar(&o.jitter, "jitter", 0, "")
	fs.StringVar(&o.timingHdr, "timing-header", "", "")
	fs.StringVar(&o.scenario, "scenario", "", "")
	fs.StringVar(&o.format, "format", "text", "")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "")
	fs.DurationVar(&o.maxTime, "max-time", 60*time.Second, "")
	fs.DurationVar(&o.settle, "settle", 10*time.Millisecond, "")
	fs.BoolVar(&o.insecure, "insecure", false, "")
	fs.Var(multiString{&o.allowHosts}, "allow-host", "")

	var positional []string
	rest := args
	for {
		if err := fs.Parse(rest); err != nil {
			return nil, err
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		if rest[0] == "--" {
			positional = append(positional, rest[1:]...)
			break
		}
		positional = append(positional, rest[0])
		rest = rest[1:]
	}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	if o.set["method"] {
		o.set["X"] = true
	}
	if o.set["data"] {
		o.set["d"] = true
	}
	// "--idempotency-key KEY URL": the flag takes an optional value, so a
	// key given with a space arrives as the first positional argument.
	if o.idem != nil && o.idem.key == "" && len(positional) == 2 && !strings.Contains(positional[0], "://") {
		o.idem.key = positional[0]
		positional = positional[1:]
	}
	if o.idem != nil {
		if !isToken(*idemHeader) {
			return nil, fmt.Errorf("bad --idempotency-header %q", *idemHeader)
		}
		o.idem.header = *idemHeader
	}
	switch {
	case len(positional) > 1:
		return nil, fmt.Errorf("expected one URL, got %d arguments: %s", len(positional), strings.Join(positional, " "))
	case len(positional) == 1:
		o.url = positional[0]
	case o.scenario == "":
		return nil, errors.New("missing URL")
	}
	if o.n < 1 || o.n > maxN {
		return nil, fmt.Errorf("-n must be between 1 and %d", maxN)
	}
	if o.trials < 1 || o.trials > maxTrials {
		return nil, fmt.Errorf("--trials must be between 1 and %d", maxTrials)
	}
	if !validMode(o.mode) {
		return nil, fmt.Errorf("unknown --mode %q (want %s)", o.mode, modeListForErr)
	}
	if o.format != "text" && o.format != "json" {
		return nil, fmt.Errorf("unknown --format %q (want text or json)", o.format)
	}
	if o.timeout <= 0 || o.maxTime <= 0 || o.settle < 0 {
		return nil, errors.New("--timeout and --max-time must be positive, --settle not negative")
	}
	if o.settle > 10*time.Second {
		return nil, errors.New("--settle must be at most 10s")
	}
	if o.waves < 1 || o.waves > maxWaves {
		return nil, fmt.Errorf("--waves must be between 1 and %d", maxWaves)
	}
	if o.waveGap < 0 || o.waveGap > maxWaveGap {
		return nil, fmt.Errorf("--wave-gap must be between 0 and %v", maxWaveGap)
	}
	if o.jitter < 0 || o.jitter > maxJitter {
		return nil, fmt.Errorf("--jitter must be between 0 and %v", maxJitter)
	}
	if o.timingHdr != "" && !isToken(o.timingHdr) {
		return nil, fmt.Errorf("bad --timing-header %q: want a header name such as X-Arrival-Ns", o.timingHdr)
	}
	if o.scenario != "" && (o.hasData || o.set["X"]) {
		return nil, errors.New("-X and -d cannot be combined with --scenario; put the request in the scenario")
	}
	return o, nil
}

// buildPlan turns options into a plan, reading the scenario or -d file.
func buildPlan(o *options) (*plan, error) {
	var p *plan
	if o.scenario != "" {
		data, err := os.ReadFile(o.scenario)
		if err != nil {
			return nil, fmt.Errorf("reading scenario: %v", err)
		}
		sc, err := ParseScenario(data)
		if err != nil {
			return nil, err
		}
		n := 0
		if o.set["n"] {
			n = o.n
		}
		p, err = sc.compile(o.url, n)
		if err != nil {
			return nil, err
		}
		extra := map[string]bool{}
		for k := range p.vars {
			extra[k] = true
		}
		for _, st := range p.setup {
			for _, c := range st.capture {
				extra[c.name] = true
			}
		}
		if err := addFlagChecks(p, o, extra); err != nil {
			return nil, err
		}
		// headers from flags apply to every scenario request
		for i := range p.race {
			p.race[i].Header = mergeHeaders(p.race[i].Header, o.headers)
		}
		for i := range p.setup {
			p.setup[i].req.Header = mergeHeaders(p.setup[i].req.Header, o.headers)
		}
		if p.prime != nil {
			p.prime.req.Header = mergeHeaders(p.prime.req.Header, o.headers)
		}
		p.checkHeaders = mergeHeaders(p.checkHeaders, o.headers)
	} else {
		body := o.data
		if strings.HasPrefix(body, "@") {
			b, err := os.ReadFile(body[1:])
			if err != nil {
				return nil, fmt.Errorf("reading body: %v", err)
			}
			body = string(b)
		}
		method := strings.ToUpper(o.method)
		if method == "" {
			method = "GET"
			if o.hasData {
				method = "POST"
			}
		}
		if !isToken(method) {
			return nil, fmt.Errorf("bad method %q", o.method)
		}
		if _, err := parseTargetURL(o.url); err != nil {
			return nil, err
		}
		spec := RequestSpec{Method: method, URL: o.url, Header: o.headers, Body: body}
		known := builtinVars()
		for _, s := range []string{spec.URL, spec.Body} {
			if err := checkVars(s, known); err != nil {
				return nil, err
			}
		}
		for _, h := range spec.Header {
			if err := checkVars(h.Value, known); err != nil {
				return nil, err
			}
		}
		p = &plan{vars: map[string]string{}, mode: o.mode, trials: o.trials, waveGap: -1, jitter: -1}
		for range o.n {
			p.race = append(p.race, spec)
		}
		for _, h := range o.headers {
			if !strings.EqualFold(h.Name, "Content-Length") && !strings.EqualFold(h.Name, "Content-Type") {
				p.checkHeaders = append(p.checkHeaders, h)
			}
		}
		if err := addFlagChecks(p, o, nil); err != nil {
			return nil, err
		}
	}
	var setups []setupStep
	for _, text := range o.setups {
		method, u, rest, err := parseCheckTarget(text)
		if err != nil {
			return nil, fmt.Errorf("--setup: %v", err)
		}
		if rest != "" {
			return nil, fmt.Errorf("--setup %q: want '[METHOD] URL'", text)
		}
		if err := checkVars(u, builtinVars()); err != nil {
			return nil, fmt.Errorf("--setup %q: %v", text, err)
		}
		setups = append(setups, setupStep{
			name:   text,
			req:    RequestSpec{Method: method, URL: u, Header: p.checkHeaders},
			status: []statusSel{{class: 2}},
		})
	}
	p.setup = append(setups, p.setup...)
	if o.prime != "" {
		method, u, rest, err := parseCheckTarget(o.prime)
		if err != nil {
			return nil, fmt.Errorf("--prime: %v", err)
		}
		if rest != "" {
			return nil, fmt.Errorf("--prime %q: want '[METHOD] URL'", o.prime)
		}
		if err := checkVars(u, builtinVars()); err != nil {
			return nil, fmt.Errorf("--prime %q: %v", o.prime, err)
		}
		p.prime = &setupStep{
			name:   o.prime,
			req:    RequestSpec{Method: method, URL: u, Header: p.checkHeaders},
			status: []statusSel{{class: 2}},
		}
	}
	for _, e := range o.expects {
		ex, err := ParseExpectation(e)
		if err != nil {
			return nil, err
		}
		p.expects = append(p.expects, ex)
	}
	if o.idem != nil {
		p.idem = o.idem
	}
	if len(o.ignore) > 0 {
		if p.idem == nil {
			return nil, errors.New("--ignore-field applies to idempotent responses: add --idempotency-key (or idempotency_key in the scenario)")
		}
		for _, f := range o.ignore {
			ip, err := parseIgnorePath(f)
			if err != nil {
				return nil, err
			}
			p.idem.ignore = append(p.idem.ignore, ip)
		}
	}
	if p.idem != nil {
		value := p.idem.key
		if value == "" {
			value = "{{" + varIdemKey + "}}"
		}
		for i := range p.race {
			p.race[i].Header = mergeHeaders(p.race[i].Header, []Header{{p.idem.header, value}})
		}
	}
	if len(p.expects) == 0 && p.idem == nil {
		ex, _ := ParseExpectation(defaultExpectation)
		p.expects = append(p.expects, ex)
	}
	if o.set["trials"] || p.trials == 0 {
		p.trials = o.trials
	}
	if p.trials < 1 || p.trials > maxTrials {
		return nil, fmt.Errorf("trials must be between 1 and %d", maxTrials)
	}
	if o.set["warmup"] {
		p.warmup = o.warmup
	}
	if p.warmup < 0 || p.warmup > maxTrials {
		return nil, fmt.Errorf("warmup must be between 0 and %d", maxTrials)
	}
	if o.set["mode"] || p.mode == "" {
		p.mode = o.mode
	}
	if !validMode(p.mode) {
		return nil, fmt.Errorf("unknown mode %q (want %s)", p.mode, modeListForErr)
	}
	if o.set["waves"] || p.waves == 0 {
		p.waves = o.waves
	}
	if o.set["wave-gap"] || p.waveGap < 0 {
		p.waveGap = o.waveGap
	}
	if o.set["jitter"] || p.jitter < 0 {
		p.jitter = o.jitter
	}
	if p.waves*len(p.race) > maxTotalRequests {
		return nil, fmt.Errorf("%d waves of %d requests is more than %d requests per trial: lower --waves or -n", p.waves, len(p.race), maxTotalRequests)
	}
	if len(p.group) != len(p.race) {
		p.group = make([]int, len(p.race))
		p.groups = 1
	}
	return p, nil
}

func addFlagChecks(p *plan, o *options, known map[string]bool) error {
	for _, cf := range o.checks {
		var c *Check
		var err error
		if cf.path == "" && cf.cmp == "" {
			c, err = ParseCheck(cf.target, known)
		} else {
			if cf.path == "" || cf.cmp == "" {
				return fmt.Errorf("check %q: --path and --cmp go together", cf.target)
			}
			c, err = newCheckParts(cf.target, cf.path, cf.cmp, known)
		}
		if err != nil {
			return err
		}
		p.checks = append(p.checks, c)
	}
	return nil
}

// Main runs "racecheck probe" with args (not including "probe") and
// returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	o, err := parseArgs(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usageText)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "racecheck probe: %v\nrun 'racecheck probe -h' for usage\n", err)
		return 2
	}
	p, err := buildPlan(o)
	if err != nil {
		fmt.Fprintf(stderr, "racecheck probe: %v\n", err)
		return 2
	}
	d := &dialer{timeout: o.timeout, insecure: o.insecure, allow: map[string]bool{}}
	for _, h := range o.allowHosts {
		d.allow[strings.ToLower(strings.Trim(h, "[]"))] = true
	}
	if err := p.checkTargets(d); err != nil {
		fmt.Fprintf(stderr, "racecheck probe: %v\n", err)
		return 2
	}
	ctx, cancel := context.WithTimeout(context.Background(), o.maxTime)
	defer cancel()
	r := newRunner(p, o, d)
	rep, runErr := r.run(ctx)
	rep.summarize(p.trials, runErr)
	switch {
	case o.format == "json":
		writeJSON(stdout, rep)
	case runErr == nil || len(rep.Trials) > 0:
		writeText(stdout, rep)
	}
	if runErr != nil {
		fmt.Fprintf(stderr, "racecheck probe: %v\n", runErr)
	}
	return rep.Summary.Exit
}

// checkTargets rejects literal hosts that may not be probed before anything
// is sent; hosts that come from variables are checked when rendered.
func (p *plan) checkTargets(d *dialer) error {
	var urls []string
	for _, s := range p.setup {
		urls = append(urls, s.req.URL)
	}
	for _, s := range p.race {
		urls = append(urls, s.URL)
	}
	for _, c := range p.checks {
		urls = append(urls, c.URL)
	}
	for _, raw := range urls {
		if strings.Contains(raw, "{{") {
			continue
		}
		u, err := parseTargetURL(raw)
		if err != nil {
			return err
		}
		if err := d.checkURL(u); err != nil {
			return err
		}
	}
	return nil
}

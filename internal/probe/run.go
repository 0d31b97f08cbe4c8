package probe

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// runner executes a plan trial by trial.
type runner struct {
	p          *plan
	o          *options
	d          *dialer
	clients    map[protocol]*http.Client
	mode       string
	modeReason string
}

func newRunner(p *plan, o *options, d *dialer) *runner {
	return &runner{p: p, o: o, d: d, mode: p.mode}
}

// stepError is a setup request, check or idempotency replay that could not
// be completed or whose response could not be understood. The trial has no
// verdict and the run ends with exit status 2.
type stepError struct{ msg string }

func (e *stepError) Error() string { return e.msg }

func stepErrorf(format string, args ...any) error {
	return &stepError{msg: fmt.Sprintf(format, args...)}
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// run performs every trial. It returns the report so far with an error
// when the run could not be completed.
func (r *runner) run(ctx context.Context) (*Report, error) {
	defer r.closeClients()
	rep := &Report{N: len(r.p.race), Name: r.p.name, Method: r.p.race[0].Method, Target: r.p.race[0].URL,
		Waves: r.p.waves, TimingHeader: r.o.timingHdr}
	if r.p.waves > 1 {
		rep.WaveGapMillis = float64(r.p.waveGap.Microseconds()) / 1e3
	}
	rep.JitterMillis = float64(r.p.jitter.Microseconds()) / 1e3
	rep.Warmup = r.p.warmup
	if r.p.prime != nil {
		rep.Prime = r.p.prime.req.Method + " " + r.p.prime.req.URL
	}
	for w := 1; w <= r.p.warmup; w++ {
		// Warm-up bursts: sent and checked like trials, so that a request
		// or check that cannot be made stops the run, but not counted.
		if _, err := r.trial(ctx, 0); err != nil {
			rep.Mode, rep.ModeReason = r.mode, r.modeReason
			return rep, fmt.Errorf("warm-up burst %d: %v", w, err)
		}
	}
	var err error
	for t := 1; t <= r.p.trials; t++ {
		if ctx.Err() != nil {
			err = fmt.Errorf("stopped after %d of %d trials: --max-time %v reached", t-1, r.p.trials, r.o.maxTime)
			break
		}
		var tr *TrialReport
		tr, err = r.trial(ctx, t)
		if tr != nil {
			rep.Trials = append(rep.Trials, *tr)
		}
		if err != nil {
			if dl, ok := ctx.Deadline(); ctx.Err() != nil || (ok && !time.Now().Before(dl)) {
				err = fmt.Errorf("trial %d: --max-time %v reached (%v)", t, r.o.maxTime, err)
			}
			break
		}
	}
	rep.Mode, rep.ModeReason = r.firstMode(rep), r.modeReason
	if rep.Mode != modeAuto {
		rep.Protocol = protocolOf(rep.Mode).String()
	}
	return rep, err
}

func (r *runner) firstMode(rep *Report) string {
	if len(rep.Trials) > 0 {
		return rep.Trials[0].Mode
	}
	return r.mode
}

// resolveMode picks the sending mode on first use.
func (r *runner) resolveMode(ctx context.Context, o origin, deadline time.Time) error {
	if r.mode != modeAuto {
		if r.modeReason == "" {
			r.modeReason = "forced by --mode"
		}
		return nil
	}
	c, err := h2Dial(ctx, r.d, o, deadline)
	if err == nil {
		c.conn.Close()
		r.mode = modeH2
		if o.scheme == "https" {
			r.modeReason = "server negotiated h2 via ALPN: single-packet attack"
		} else {
			r.modeReason = "server accepted h2c prior knowledge: single-packet attack"
		}
		return nil
	}
	var nh *errNotH2
	if !errors.As(err, &nh) {
		return err
	}
	r.mode = modePipeline
	r.modeReason = nh.reason + "; using HTTP/1.1 pipelining (all requests in one write on one connection)"
	return nil
}

// raceOrigin returns where the race requests go, before setup runs: the
// scheme, host and port of the race URL must not depend on values that
// setup captures, because the protocol is chosen before setup.
func (r *runner) raceOrigin(vars map[string]string) (origin, error) {
	raw := r.p.race[0].URL
	head := raw
	if i := strings.Index(raw, "://"); i >= 0 {
		if j := strings.IndexAny(raw[i+3:], "/?#"); j >= 0 {
			head = raw[:i+3+j]
		}
	}
	s, err := expand(head, vars)
	if err != nil {
		return origin{}, fmt.Errorf("race URL %s: its scheme, host and port must be known before setup runs: %v", raw, err)
	}
	u, err := parseTargetURL(s)
	if err != nil {
		return origin{}, err
	}
	if err := r.d.checkURL(u); err != nil {
		return origin{}, err
	}
	return originOf(u), nil
}

// sendFor returns the sending function of a mode.
func sendFor(mode string) sendFunc {
	switch mode {
	case modeH2:
		return runH2
	case modePipeline:
		return runPipeline
	case modeLastByte:
		return runLastByte
	}
	return runNaive
}

// trial runs setup, the waves, the idempotency replay and the checks.
func (r *runner) trial(ctx context.Context, t int) (*TrialReport, error) {
	n := len(r.p.race)
	total := n * r.p.waves
	vars := map[string]string{}
	for k, v := range r.p.vars {
		vars[k] = v
	}
	vars[varTrial] = strconv.Itoa(t)
	vars[varN] = strconv.Itoa(total)
	vars[varRandom] = randomHex(8)
	vars[varIdemKey] = ""
	if r.p.idem != nil {
		vars[varIdemKey] = r.p.idem.key
		if vars[varIdemKey] == "" {
			vars[varIdemKey] = "racecheck-" + randomHex(12)
		}
	}
	vars[varIndex] = "0"
	o, err := r.raceOrigin(vars)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(r.o.timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	if err := r.resolveMode(ctx, o, deadline); err != nil {
		return nil, err
	}
	mode := r.mode
	for _, st := range r.p.setup {
		if err := r.runSetup(ctx, st, vars); err != nil {
			return nil, err
		}
	}
	if r.p.prime != nil {
		if err := r.runPrime(ctx, mode, o, n, vars); err != nil {
			return nil, err
		}
	}
	waves := make([][]*Request, r.p.waves)
	var all []*Request
	for w := range waves {
		for i, spec := range r.p.race {
			vars[varIndex] = strconv.Itoa(w*n + i)
			req, err := spec.render(vars)
			if err != nil {
				return nil, fmt.Errorf("race request %d: %v", i+1, err)
			}
			if err := r.d.checkURL(req.URL); err != nil {
				return nil, err
			}
			if ro := originOf(req.URL); ro != o {
				return nil, fmt.Errorf("race requests go to %s and %s: all must share one scheme, host and port", o, ro)
			}
			waves[w] = append(waves[w], req)
			all = append(all, req)
		}
	}
	delete(vars, varIndex)

	deadline = time.Now().Add(r.o.timeout + r.o.settle + time.Duration(r.p.waves-1)*r.p.waveGap + r.p.jitter)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	bursts := make([]*burst, len(waves))
	for w, reqs := range waves {
		bursts[w] = &burst{reqs: reqs, settle: r.o.settle, deadline: deadline, jitter: r.p.jitter}
	}
	started := time.Now()
	results, err := sendWaves(ctx, r.d, sendFor(mode), bursts, r.o.settle, r.p.waveGap)
	if err != nil {
		var nh *errNotH2
		var ce *connError
		switch {
		case mode == modeH2 && errors.As(err, &nh):
			err = connErrorf("server at %s does not speak HTTP/2: %s (try --mode h1-pipeline or h1-lastbyte)", o.addr(), nh.reason)
		case errors.As(err, &ce):
			err = connErrorf("%s%s", ce.msg, r.h2Hint(ctx, mode, o, deadline))
		}
		return nil, err
	}
	tr := &TrialReport{
		Trial:       t,
		Mode:        mode,
		BurstMillis: float64(time.Since(started).Microseconds()) / 1e3,
	}
	var resps []Response
	pipelineClosed := false
	for w, res := range results {
		resps = append(resps, res.resps...)
		tr.SyncWrites += res.writes
		if w == 0 {
			tr.FinalBytes = res.packetBytes
		}
		tr.SendSpreadMicros = max(tr.SendSpreadMicros, float64(res.spread.Nanoseconds())/1e3)
		for _, note := range res.notes {
			if !containsString(tr.Notes, note) {
				tr.Notes = append(tr.Notes, note)
			}
		}
		pipelineClosed = pipelineClosed || res.pipelineClosed
	}
	tr.responses = resps
	statuses := statusesOf(resps)
	tr.Statuses = histogram(statuses)
	tr.Errors = errorSummary(resps)
	for _, s := range statuses {
		if s/100 == 2 {
			tr.Successes++
		}
	}
	r.reportWaves(tr, results)
	r.reportGroups(tr, all, resps)
	if tr.Statuses["err"] == len(statuses) {
		msg := resps[0].Err
		if msg != errH2Answer {
			msg += r.h2Hint(ctx, mode, o, deadline)
		}
		return nil, connErrorf("no response to any of the %d requests: %s", len(statuses), msg)
	}
	if pipelineClosed && r.p.mode == modeAuto {
		r.mode = modeLastByte
		note := "server would not answer all pipelined requests on one connection; switching to h1-lastbyte for the next trials"
		tr.Notes = append(tr.Notes, note)
		r.modeReason += "; " + note
	}

	for _, e := range r.p.expects {
		ok, detail := e.Eval(statuses)
		tr.Results = append(tr.Results, Outcome{Kind: "expect", Text: e.Text, Pass: ok, Detail: detail})
	}
	if r.p.idem != nil {
		replay, err := r.do(ctx, all[0])
		if err != nil {
			msg := fmt.Sprintf("idempotency replay %s %s could not be completed: %v", all[0].Method, all[0].URL, err)
			tr.Results = append(tr.Results, Outcome{Kind: "idempotency", Text: "replay after the burst matches the first success", Error: true, Detail: msg})
			return tr.failWith(msg)
		}
		tr.Results = append(tr.Results, evalIdempotency(resps, replay, r.p.idem.ignore)...)
	}
	vars[varSuccesses] = strconv.Itoa(tr.Successes)
	for _, c := range r.p.checks {
		out, err := r.runCheck(ctx, c, vars)
		tr.Results = append(tr.Results, out)
		if err != nil {
			return tr.failWith(err.Error())
		}
	}
	tr.Pass = true
	for _, res := range tr.Results {
		tr.Pass = tr.Pass && res.Pass
	}
	return tr, nil
}

// h2Hint explains an HTTP/1.1 burst that got no answer when the server
// speaks HTTP/2: it may speak only that.
func (r *runner) h2Hint(ctx context.Context, mode string, o origin, deadline time.Time) string {
	if protocolOf(mode) != protoHTTP1 {
		return ""
	}
	c, err := h2Dial(ctx, r.d, o, deadline)
	if err != nil {
		return ""
	}
	c.conn.Close()
	return "; the server speaks HTTP/2 (use --mode h2 or auto)"
}

// failWith marks the trial as having no verdict.
func (tr *TrialReport) failWith(msg string) (*TrialReport, error) {
	tr.Pass = false
	tr.Error = msg
	return tr, stepErrorf("trial %d: %s", tr.Trial, msg)
}

func containsString(list []string, s string) bool {
	for _, e := range list {
		if e == s {
			return true
		}
	}
	return false
}

// reportWaves fills in the per-wave figures and the arrival spreads read
// from the timing header.
func (r *runner) reportWaves(tr *TrialReport, results []*burstResult) {
	h := r.o.timingHdr
	var first time.Time
	for w, res := range results {
		wr := WaveReport{Wave: w + 1, SendSpreadMicros: float64(res.spread.Nanoseconds()) / 1e3}
		if w == 0 {
			first = res.sentAt
		}
		wr.StartMillis = float64(res.sentAt.Sub(first).Microseconds()) / 1e3
		wr.Statuses = histogram(statusesOf(res.resps))
		if h != "" {
			st := arrivals(res.resps, h)
			tr.TimedResponses += st.seen
			if st.seen > 0 {
				us := float64(st.spreadNs) / 1e3
				wr.ArrivalSpreadMicros = &us
				if tr.ArrivalSpreadMicros == nil || us > *tr.ArrivalSpreadMicros {
					tr.ArrivalSpreadMicros = &us
				}
			}
			if st.bad > 0 {
				note := fmt.Sprintf("%d %s values not understood: %s", st.bad, h, st.badValue)
				tr.Notes = append(tr.Notes, note)
			}
		}
		if len(results) > 1 {
			tr.Waves = append(tr.Waves, wr)
		}
	}
	if h != "" && tr.TimedResponses == 0 {
		tr.Notes = append(tr.Notes, fmt.Sprintf("no response carried a readable %s header: no arrival spread (see docs/probe-timing.md)", h))
	}
}

// reportGroups counts sent requests, successes and statuses per request of
// a mixed race.
func (r *runner) reportGroups(tr *TrialReport, reqs []*Request, resps []Response) {
	if r.p.groups < 2 {
		return
	}
	counts := make([]RequestCount, r.p.groups)
	statuses := make([][]int, r.p.groups)
	for i, resp := range resps {
		g := r.p.group[i%len(r.p.race)]
		c := &counts[g]
		if c.Sent == 0 {
			c.Request = g + 1
			c.Label = reqs[i].Method + " " + reqs[i].URL.String()
		}
		c.Sent++
		if resp.Status/100 == 2 {
			c.Successes++
		}
		statuses[g] = append(statuses[g], resp.Status)
	}
	for g := range counts {
		counts[g].Statuses = histogram(statuses[g])
	}
	tr.Requests = counts
}

func (r *runner) runSetup(ctx context.Context, st setupStep, vars map[string]string) error {
	req, err := st.req.render(vars)
	if err != nil {
		return stepErrorf("setup %q: %v", st.name, err)
	}
	resp, err := r.do(ctx, req)
	if err != nil {
		return stepErrorf("setup %q: %v", st.name, err)
	}
	ok := false
	for _, sel := range st.status {
		ok = ok || sel.matches(resp.Status)
	}
	if !ok {
		return stepErrorf("setup %q: %s %s got status %d: %s", st.name, req.Method, req.URL, resp.Status, clip(strings.TrimSpace(string(resp.Body)), 200))
	}
	for _, c := range st.capture {
		v, err := c.path.capture(resp.Status, resp.Body)
		if err != nil {
			return stepErrorf("setup %q: capture %s: %v", st.name, c.name, err)
		}
		vars[c.name] = v
	}
	return nil
}

// runPrime sends the prime request n times at once, the way the burst is
// sent, so that the app holds n pooled connections when the burst comes.
// Any response that is missing or has a status other than the step's is
// an error: a prime that did not reach the app proves nothing.
func (r *runner) runPrime(ctx context.Context, mode string, o origin, n int, vars map[string]string) error {
	st := r.p.prime
	reqs := make([]*Request, n)
	for i := range reqs {
		req, err := st.req.render(vars)
		if err != nil {
			return stepErrorf("prime: %v", err)
		}
		if err := r.d.checkURL(req.URL); err != nil {
			return err
		}
		if po := originOf(req.URL); po != o {
			return stepErrorf("prime goes to %s and the race to %s: prime the app the race reaches", po, o)
		}
		reqs[i] = req
	}
	deadline := time.Now().Add(r.o.timeout + r.o.settle)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	b := &burst{reqs: reqs, settle: r.o.settle, deadline: deadline}
	results, err := sendWaves(ctx, r.d, sendFor(mode), []*burst{b}, r.o.settle, 0)
	if err != nil {
		return stepErrorf("prime %s %s: %v", reqs[0].Method, reqs[0].URL, err)
	}
	for _, resp := range results[0].resps {
		if resp.Err != "" {
			return stepErrorf("prime %s %s: %s", reqs[0].Method, reqs[0].URL, resp.Err)
		}
		ok := false
		for _, sel := range st.status {
			ok = ok || sel.matches(resp.Status)
		}
		if !ok {
			return stepErrorf("prime %s %s got status %d: %s", reqs[0].Method, reqs[0].URL, resp.Status, clip(strings.TrimSpace(string(resp.Body)), 200))
		}
	}
	return nil
}

// runCheck sends a check request and evaluates it. The error reports a
// check that could not be sent or whose response could not be evaluated.
func (r *runner) runCheck(ctx context.Context, c *Check, vars map[string]string) (Outcome, error) {
	out := Outcome{Kind: "check", Text: c.Text}
	fail := func(format string, args ...any) (Outcome, error) {
		out.Error = true
		out.Detail = fmt.Sprintf(format, args...)
		return out, fmt.Errorf("check %s: %s", out.Text, out.Detail)
	}
	u, err := expand(c.URL, vars)
	if err != nil {
		return fail("%v", err)
	}
	req, err := RequestSpec{Method: c.Method, URL: u, Header: r.p.checkHeaders}.render(vars)
	if err != nil {
		return fail("%v", err)
	}
	out.Text = c.textFor(req.URL.String())
	resp, err := r.do(ctx, req)
	if err != nil {
		return fail("could not be completed: %v", err)
	}
	pass, detail, err := c.Eval(resp.Status, resp.Body, vars)
	if err != nil {
		return fail("status %d response could not be evaluated: %v", resp.Status, err)
	}
	out.Pass, out.Detail = pass, detail
	return out, nil
}

// evalIdempotency checks that a replayed key led to one execution. Bodies
// are compared as JSON when they are JSON, without the ignored fields.
func evalIdempotency(resps []Response, replay Response, ignore []*valuePath) []Outcome {
	var first *Response
	distinct := map[string]bool{}
	successes := 0
	allJSON := true
	var others []string
	for i := range resps {
		r := &resps[i]
		switch {
		case r.Status/100 == 2:
			successes++
			if first == nil {
				first = r
			}
			text, isJSON := canonicalBody(r.Body, ignore)
			allJSON = allJSON && isJSON
			distinct[text] = true
		case r.Status == http.StatusConflict:
		case r.Status == 0:
			others = append(others, "no response")
		default:
			others = append(others, strconv.Itoa(r.Status))
		}
	}
	how := "identical"
	if allJSON {
		how = "equal JSON"
	}
	same := Outcome{Kind: "idempotency", Text: "all 2xx responses have identical bodies"}
	switch {
	case successes == 0:
		same.Detail = "no request succeeded"
	case len(distinct) == 1:
		same.Pass = true
		same.Detail = fmt.Sprintf("%d successes, 1 distinct body (%s)", successes, how)
	default:
		same.Detail = fmt.Sprintf("%d successes, %d distinct bodies", successes, len(distinct))
	}
	rest := Outcome{Kind: "idempotency", Text: "every other response is 409", Pass: len(others) == 0}
	if rest.Pass {
		rest.Detail = fmt.Sprintf("%d responses 409", len(resps)-successes)
	} else {
		rest.Detail = "got " + strings.Join(uniqueCounts(others), ", ")
	}
	rep := Outcome{Kind: "idempotency", Text: "replay after the burst matches the first success"}
	switch {
	case first == nil:
		rep.Detail = fmt.Sprintf("nothing to compare; replay got status %d", replay.Status)
	case replay.Status/100 != 2:
		rep.Detail = fmt.Sprintf("replay got status %d", replay.Status)
	default:
		ok, where := sameBody(first.Body, replay.Body, ignore)
		if ok {
			rep.Pass = true
			_, isJSON := canonicalBody(replay.Body, nil)
			if isJSON {
				rep.Detail = fmt.Sprintf("status %d, equal JSON body", replay.Status)
			} else {
				rep.Detail = fmt.Sprintf("status %d, identical body", replay.Status)
			}
		} else {
			rep.Detail = "replay differs: " + where
		}
	}
	return []Outcome{same, rest, rep}
}

func uniqueCounts(items []string) []string {
	counts := map[string]int{}
	for _, s := range items {
		counts[s]++
	}
	var out []string
	for s, n := range counts {
		out = append(out, fmt.Sprintf("%s x%d", s, n))
	}
	sort.Strings(out)
	return out
}

func histogram(statuses []int) map[string]int {
	h := map[string]int{}
	for _, s := range statuses {
		if s == 0 {
			h["err"]++
		} else {
			h[strconv.Itoa(s)]++
		}
	}
	return h
}

// errorSummary lists distinct request errors with their counts.
func errorSummary(rs []Response) []string {
	var errs []string
	for _, r := range rs {
		if r.Err != "" {
			errs = append(errs, r.Err)
		}
	}
	return uniqueCounts(errs)
}

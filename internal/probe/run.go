package probe

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
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
	client     *http.Client
	mode       string
	modeReason string
}

func newRunner(p *plan, o *options, d *dialer) *runner {
	tr := &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, err
			}
			return d.dialTCP(ctx, origin{scheme: "http", host: strings.ToLower(host), port: port})
		},
		TLSClientConfig:     d.tlsConfig(""),
		MaxIdleConnsPerHost: 4,
	}
	return &runner{
		p: p, o: o, d: d,
		client: &http.Client{
			Transport:     tr,
			Timeout:       o.timeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		mode: p.mode,
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// run performs every trial. It returns the report so far with an error
// when the run could not be completed.
func (r *runner) run(ctx context.Context) (*Report, error) {
	defer r.client.CloseIdleConnections()
	rep := &Report{N: len(r.p.race), Name: r.p.name, Method: r.p.race[0].Method, Target: r.p.race[0].URL}
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
	rep.summarize(r.p.trials)
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
	switch r.mode {
	case modeAuto:
	case modeH2:
		if r.modeReason == "" {
			r.modeReason = "forced by --mode"
		}
		return nil
	default:
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

// trial runs setup, the burst, the idempotency replay and the checks.
func (r *runner) trial(ctx context.Context, t int) (*TrialReport, error) {
	vars := map[string]string{}
	for k, v := range r.p.vars {
		vars[k] = v
	}
	vars[varTrial] = strconv.Itoa(t)
	vars[varN] = strconv.Itoa(len(r.p.race))
	vars[varRandom] = randomHex(8)
	vars[varIdemKey] = ""
	if r.p.idem != nil {
		vars[varIdemKey] = r.p.idem.key
		if vars[varIdemKey] == "" {
			vars[varIdemKey] = "racecheck-" + randomHex(12)
		}
	}
	vars[varIndex] = "0"
	for _, st := range r.p.setup {
		if err := r.runSetup(ctx, st, vars); err != nil {
			return nil, err
		}
	}
	reqs := make([]*Request, len(r.p.race))
	for i, spec := range r.p.race {
		vars[varIndex] = strconv.Itoa(i)
		req, err := spec.render(vars)
		if err != nil {
			return nil, fmt.Errorf("race request %d: %v", i+1, err)
		}
		if err := r.d.checkURL(req.URL); err != nil {
			return nil, err
		}
		if i > 0 && originOf(req.URL) != originOf(reqs[0].URL) {
			return nil, fmt.Errorf("race requests go to %s and %s: all must share one scheme, host and port", originOf(reqs[0].URL), originOf(req.URL))
		}
		reqs[i] = req
	}
	delete(vars, varIndex)

	deadline := time.Now().Add(r.o.timeout)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	o := originOf(reqs[0].URL)
	if err := r.resolveMode(ctx, o, deadline); err != nil {
		return nil, err
	}
	b := &burst{reqs: reqs, settle: r.o.settle, deadline: deadline}
	mode := r.mode
	started := time.Now()
	var res *burstResult
	var err error
	switch mode {
	case modeH2:
		res, err = runH2(ctx, r.d, b)
		var nh *errNotH2
		if errors.As(err, &nh) {
			err = connErrorf("server at %s does not speak HTTP/2: %s (try --mode h1-pipeline or h1-lastbyte)", o.addr(), nh.reason)
		}
	case modePipeline:
		res, err = runPipeline(ctx, r.d, b)
	case modeLastByte:
		res, err = runLastByte(ctx, r.d, b)
	case modeNaive:
		res, err = runNaive(ctx, r.d, b)
	}
	if err != nil {
		return nil, err
	}
	tr := &TrialReport{
		Trial:        t,
		Mode:         mode,
		SpreadMicros: float64(res.spread.Nanoseconds()) / 1e3,
		SyncWrites:   res.writes,
		FinalBytes:   res.packetBytes,
		Notes:        res.notes,
		BurstMillis:  float64(time.Since(started).Microseconds()) / 1e3,
		responses:    res.resps,
	}
	statuses := statusesOf(res.resps)
	tr.Statuses = histogram(statuses)
	tr.Errors = errorSummary(res.resps)
	for _, s := range statuses {
		if s/100 == 2 {
			tr.Successes++
		}
	}
	if tr.Statuses["err"] == len(statuses) {
		return nil, connErrorf("no response to any of the %d requests: %s", len(statuses), res.resps[0].Err)
	}
	if res.pipelineClosed && r.p.mode == modeAuto {
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
		replay, err := r.do(ctx, reqs[0])
		if err != nil {
			return tr, err
		}
		tr.Results = append(tr.Results, evalIdempotency(res.resps, replay)...)
	}
	vars[varSuccesses] = strconv.Itoa(tr.Successes)
	for _, c := range r.p.checks {
		tr.Results = append(tr.Results, r.runCheck(ctx, c, vars))
	}
	tr.Pass = true
	for _, res := range tr.Results {
		tr.Pass = tr.Pass && res.Pass
	}
	return tr, nil
}

// do sends one request with the plain client.
func (r *runner) do(ctx context.Context, req *Request) (Response, error) {
	if err := r.d.checkURL(req.URL); err != nil {
		return Response{}, err
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, req.URL.String(), bytes.NewReader(req.Body))
	if err != nil {
		return Response{}, err
	}
	if len(req.Body) == 0 && !req.needsLength() {
		hreq.Body, hreq.ContentLength = nil, 0
	}
	for _, h := range req.Header {
		switch {
		case strings.EqualFold(h.Name, "Host"):
			hreq.Host = h.Value
		case strings.EqualFold(h.Name, "Content-Length"):
		default:
			hreq.Header.Add(h.Name, h.Value)
		}
	}
	if !req.hasHeader("User-Agent") {
		hreq.Header.Set("User-Agent", userAgent)
	}
	resp, err := r.client.Do(hreq)
	if err != nil {
		var ce *connError
		if errors.As(err, &ce) {
			return Response{}, ce
		}
		if isTimeout(err) {
			return Response{}, connErrorf("%s %s: timed out", req.Method, req.URL)
		}
		return Response{}, connErrorf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyKeep))
	if err != nil {
		return Response{}, connErrorf("%s %s: reading response: %v", req.Method, req.URL, err)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

func (r *runner) runSetup(ctx context.Context, st setupStep, vars map[string]string) error {
	req, err := st.req.render(vars)
	if err != nil {
		return fmt.Errorf("setup %q: %v", st.name, err)
	}
	resp, err := r.do(ctx, req)
	if err != nil {
		return fmt.Errorf("setup %q: %v", st.name, err)
	}
	ok := false
	for _, sel := range st.status {
		ok = ok || sel.matches(resp.Status)
	}
	if !ok {
		return fmt.Errorf("setup %q: %s %s got status %d: %s", st.name, req.Method, req.URL, resp.Status, clip(strings.TrimSpace(string(resp.Body)), 200))
	}
	for _, c := range st.capture {
		v, err := c.path.capture(resp.Status, resp.Body)
		if err != nil {
			return fmt.Errorf("setup %q: capture %s: %v", st.name, c.name, err)
		}
		vars[c.name] = v
	}
	return nil
}

func (r *runner) runCheck(ctx context.Context, c *Check, vars map[string]string) Outcome {
	out := Outcome{Kind: "check", Text: c.Text}
	u, err := expand(c.URL, vars)
	if err == nil {
		var req *Request
		req, err = RequestSpec{Method: c.Method, URL: u, Header: r.p.checkHeaders}.render(vars)
		if err == nil {
			var resp Response
			resp, err = r.do(ctx, req)
			if err == nil {
				out.Pass, out.Detail = c.Eval(resp.Status, resp.Body, vars)
				return out
			}
		}
	}
	out.Detail = err.Error()
	return out
}

// evalIdempotency checks that a replayed key led to one execution.
func evalIdempotency(resps []Response, replay Response) []Outcome {
	var first *Response
	distinct := map[string]bool{}
	successes := 0
	var others []string
	for i := range resps {
		r := &resps[i]
		switch {
		case r.Status/100 == 2:
			successes++
			if first == nil {
				first = r
			}
			distinct[string(r.Body)] = true
		case r.Status == http.StatusConflict:
		case r.Status == 0:
			others = append(others, "no response")
		default:
			others = append(others, strconv.Itoa(r.Status))
		}
	}
	same := Outcome{Kind: "idempotency", Text: "all 2xx responses have identical bodies"}
	switch {
	case successes == 0:
		same.Detail = "no request succeeded"
	case len(distinct) == 1:
		same.Pass = true
		same.Detail = fmt.Sprintf("%d successes, 1 distinct body", successes)
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
	case !bytes.Equal(replay.Body, first.Body):
		rep.Detail = fmt.Sprintf("replay body %s differs from %s", clip(string(replay.Body), 60), clip(string(first.Body), 60))
	default:
		rep.Pass = true
		rep.Detail = fmt.Sprintf("status %d, identical body", replay.Status)
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

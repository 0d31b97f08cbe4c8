package probe

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// burst is one set of requests to be sent together: one wave.
type burst struct {
	reqs     []*Request
	settle   time.Duration // pause between preparation and the final writes
	deadline time.Time
	jitter   time.Duration // each request's final bytes are delayed by a random 0..jitter
	// release, when set by the wave scheduler, replaces the settle pause:
	// it is called once the requests are prepared and returns when the
	// final bytes may be written.
	release func() error
	// sent, when set, is called once the final bytes are written.
	sent func()
}

// burstResult is what a sending mode observed.
type burstResult struct {
	resps       []Response
	spread      time.Duration // send spread: client-side time from the first to the last synchronising write
	sentAt      time.Time     // when the synchronising writes began
	writes      int           // number of synchronising writes
	packetBytes int           // bytes in the (first) final h2 write
	notes       []string
	// pipelineClosed is set when the server would not answer all
	// pipelined requests on one connection.
	pipelineClosed bool
}

// readH1Response reads one response, skipping informational ones. It
// reports whether the server will close the connection after it.
func readH1Response(br *bufio.Reader, method string) (Response, bool) {
	for {
		if head, err := br.Peek(9); err == nil && looksLikeH2Frame(head) {
			return Response{Err: errH2Answer}, true
		}
		resp, err := http.ReadResponse(br, &http.Request{Method: method})
		if err != nil {
			return Response{Err: describeReadError(err)}, true
		}
		if resp.StatusCode >= 100 && resp.StatusCode < 200 && resp.StatusCode != 101 {
			resp.Body.Close()
			continue
		}
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyKeep))
		if err == nil {
			_, err = io.Copy(io.Discard, resp.Body)
		}
		resp.Body.Close()
		if err != nil {
			return Response{Status: resp.StatusCode, Header: resp.Header, Body: body, Err: describeReadError(err)}, true
		}
		return Response{Status: resp.StatusCode, Header: resp.Header, Body: body}, resp.Close
	}
}

// errH2Answer is the error of an HTTP/1.1 request answered with HTTP/2
// frames, as an HTTP/2-only server (Node's http2.createServer) does.
const errH2Answer = "server answered with HTTP/2 frames, not HTTP/1.1: it speaks only HTTP/2 (use --mode h2 or auto)"

// looksLikeH2Frame reports whether head, the first 9 bytes of an answer,
// is an HTTP/2 frame header of type SETTINGS or GOAWAY on stream 0, which
// is how HTTP/2-only servers answer an HTTP/1.1 request.
func looksLikeH2Frame(head []byte) bool {
	if len(head) < 9 || string(head[:5]) == "HTTP/" {
		return false
	}
	typ := head[3]
	stream := uint32(head[5]&0x7f)<<24 | uint32(head[6])<<16 | uint32(head[7])<<8 | uint32(head[8])
	return (typ == 0x4 || typ == 0x7) && stream == 0
}

func describeReadError(err error) string {
	switch {
	case isTimeout(err):
		return "timed out waiting for the response"
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed by server before the response"
	}
	return fmt.Sprintf("reading response: %v", err)
}

// runPipeline writes all requests on one connection with a single Write.
// Node.js starts handling each pipelined request as soon as it is parsed,
// so the handlers run concurrently; servers that answer pipelined
// requests one at a time (such as Go's net/http) are not raced this way.
func runPipeline(ctx context.Context, d *dialer, b *burst) (*burstResult, error) {
	o := originOf(b.reqs[0].URL)
	conn, _, err := d.dial(ctx, o, []string{"http/1.1"})
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	conn.SetDeadline(b.deadline)
	delays, order := jitterDelays(len(b.reqs), b.jitter)
	var buf []byte
	for _, r := range b.reqs {
		buf = append(buf, r.wireHTTP1()...)
	}
	if err := b.waitRelease(ctx); err != nil {
		return nil, err
	}
	res := &burstResult{resps: make([]Response, len(b.reqs)), writes: 1}
	if b.jitter > 0 {
		// one write per request, in the order their delays expire; the
		// responses come back in that order
		res.writes = len(b.reqs)
		first, last := fireScheduled(ctx, delays, order, func(i int) {
			if _, werr := conn.Write(b.reqs[i].wireHTTP1()); werr != nil && err == nil {
				err = werr
			}
		})
		res.sentAt, res.spread = first, last.Sub(first)
	} else {
		res.sentAt = time.Now()
		_, err = conn.Write(buf)
		res.spread = time.Since(res.sentAt)
	}
	b.markSent()
	if err != nil {
		return nil, connErrorf("writing pipelined requests to %s: %v", o.addr(), err)
	}
	br := bufio.NewReader(conn)
	for i := range b.reqs {
		resp, closing := readH1Response(br, b.reqs[order[i]].Method)
		res.resps[order[i]] = resp
		if !closing || i == len(b.reqs)-1 {
			continue
		}
		msg := resp.Err
		if resp.Err == "" || (i > 0 && strings.HasPrefix(resp.Err, "connection closed")) {
			// the server answered, then would not go on with the pipeline
			res.pipelineClosed = true
			msg = fmt.Sprintf("no response: server closed the pipelined connection after %d responses", i+1-btoi(resp.Err != ""))
			if resp.Err != "" {
				res.resps[order[i]].Err = msg
			}
		}
		for j := i + 1; j < len(b.reqs); j++ {
			res.resps[order[j]].Err = msg
		}
		break
	}
	return res, nil
}

// dialMany opens n connections in parallel.
func dialMany(ctx context.Context, d *dialer, o origin, n int) ([]net.Conn, error) {
	conns := make([]net.Conn, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 64)
	for i := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			conns[i], _, errs[i] = d.dial(ctx, o, []string{"http/1.1"})
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			for _, c := range conns {
				if c != nil {
					c.Close()
				}
			}
			return nil, err
		}
	}
	return conns, nil
}

// readEach reads one response per connection concurrently.
func readEach(conns []net.Conn, reqs []*Request, resps []Response) {
	var wg sync.WaitGroup
	for i, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resps[i], _ = readH1Response(bufio.NewReader(c), reqs[i].Method)
		}()
	}
	wg.Wait()
}

// runLastByte opens one connection per request, sends each request except
// its last byte (the last body byte, or the final newline of the headers
// when there is no body), then writes the missing bytes back to back.
func runLastByte(ctx context.Context, d *dialer, b *burst) (*burstResult, error) {
	o := originOf(b.reqs[0].URL)
	conns, err := dialMany(ctx, d, o, len(b.reqs))
	if err != nil {
		return nil, err
	}
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	wires := make([][]byte, len(b.reqs))
	for i, r := range b.reqs {
		wires[i] = r.wireHTTP1()
		conns[i].SetDeadline(b.deadline)
		if _, err := conns[i].Write(wires[i][:len(wires[i])-1]); err != nil {
			return nil, connErrorf("writing request %d to %s: %v", i+1, o.addr(), err)
		}
	}
	delays, order := jitterDelays(len(b.reqs), b.jitter)
	if err := b.waitRelease(ctx); err != nil {
		return nil, err
	}
	res := &burstResult{resps: make([]Response, len(b.reqs)), writes: len(conns)}
	werrs := make([]error, len(conns))
	first, last := fireScheduled(ctx, delays, order, func(i int) {
		_, werrs[i] = conns[i].Write(wires[i][len(wires[i])-1:])
	})
	res.sentAt, res.spread = first, last.Sub(first)
	b.markSent()
	for i, err := range werrs {
		if err != nil {
			res.resps[i].Err = fmt.Sprintf("writing last byte: %v", err)
		}
	}
	readEach(conns, b.reqs, res.resps)
	return res, nil
}

// runNaive is the baseline: one goroutine per request, each opening its
// own connection and writing its request as soon as it can.
func runNaive(ctx context.Context, d *dialer, b *burst) (*burstResult, error) {
	o := originOf(b.reqs[0].URL)
	n := len(b.reqs)
	res := &burstResult{resps: make([]Response, n), writes: n}
	starts := make([]time.Time, n)
	ends := make([]time.Time, n)
	errs := make([]error, n)
	delays, _ := jitterDelays(n, b.jitter)
	gate := make(chan struct{})
	var wg, written sync.WaitGroup
	for i, r := range b.reqs {
		wg.Add(1)
		written.Add(1)
		go func() {
			defer wg.Done()
			writtenOnce := sync.OnceFunc(written.Done)
			defer writtenOnce()
			<-gate
			sleepCtx(ctx, delays[i])
			c, _, err := d.dial(ctx, o, []string{"http/1.1"})
			if err != nil {
				errs[i] = err
				return
			}
			defer c.Close()
			c.SetDeadline(b.deadline)
			starts[i] = time.Now()
			_, err = c.Write(r.wireHTTP1())
			ends[i] = time.Now()
			writtenOnce()
			if err != nil {
				res.resps[i].Err = fmt.Sprintf("writing request: %v", err)
				return
			}
			res.resps[i], _ = readH1Response(bufio.NewReader(c), r.Method)
		}()
	}
	if err := b.waitRelease(ctx); err != nil {
		close(gate)
		wg.Wait()
		return nil, err
	}
	close(gate)
	written.Wait()
	b.markSent()
	wg.Wait()
	var first, last time.Time
	failed := 0
	for i := range b.reqs {
		if errs[i] != nil {
			failed++
			res.resps[i].Err = errs[i].Error()
			continue
		}
		if first.IsZero() || starts[i].Before(first) {
			first = starts[i]
		}
		if ends[i].After(last) {
			last = ends[i]
		}
	}
	if failed == n {
		return nil, errs[0]
	}
	res.spread = last.Sub(first)
	res.sentAt = first
	return res, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

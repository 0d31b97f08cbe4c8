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

// burst is one set of requests to be sent together.
type burst struct {
	reqs     []*Request
	settle   time.Duration // pause between preparation and the final writes
	deadline time.Time
}

// burstResult is what a sending mode observed.
type burstResult struct {
	resps       []Response
	spread      time.Duration // client-side send spread of the synchronising writes
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
	var buf []byte
	for _, r := range b.reqs {
		buf = append(buf, r.wireHTTP1()...)
	}
	res := &burstResult{resps: make([]Response, len(b.reqs)), writes: 1}
	start := time.Now()
	_, err = conn.Write(buf)
	res.spread = time.Since(start)
	if err != nil {
		return nil, connErrorf("writing pipelined requests to %s: %v", o.addr(), err)
	}
	br := bufio.NewReader(conn)
	for i, r := range b.reqs {
		resp, closing := readH1Response(br, r.Method)
		res.resps[i] = resp
		if !closing || i == len(b.reqs)-1 {
			continue
		}
		msg := resp.Err
		if resp.Err == "" || (i > 0 && strings.HasPrefix(resp.Err, "connection closed")) {
			// the server answered, then would not go on with the pipeline
			res.pipelineClosed = true
			msg = fmt.Sprintf("no response: server closed the pipelined connection after %d responses", i+1-btoi(resp.Err != ""))
			if resp.Err != "" {
				res.resps[i].Err = msg
			}
		}
		for j := i + 1; j < len(b.reqs); j++ {
			res.resps[j].Err = msg
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
	sleepCtx(ctx, b.settle)
	res := &burstResult{resps: make([]Response, len(b.reqs)), writes: len(conns)}
	werrs := make([]error, len(conns))
	start := time.Now()
	for i, c := range conns {
		_, werrs[i] = c.Write(wires[i][len(wires[i])-1:])
	}
	res.spread = time.Since(start)
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
	gate := make(chan struct{})
	var wg sync.WaitGroup
	for i, r := range b.reqs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
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
			if err != nil {
				res.resps[i].Err = fmt.Sprintf("writing request: %v", err)
				return
			}
			res.resps[i], _ = readH1Response(bufio.NewReader(c), r.Method)
		}()
	}
	close(gate)
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
	return res, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

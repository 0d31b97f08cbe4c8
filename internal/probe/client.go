package probe

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// Setup requests, checks and idempotency replays are sent with the
// protocol of the trial's burst, so that a server that speaks only one of
// them is probed consistently: HTTP/2 (h2 by ALPN over TLS, h2c with prior
// knowledge over cleartext) after an h2 burst, HTTP/1.1 after any other.

// protocol is the HTTP version of every request of a trial.
type protocol int

const (
	protoHTTP1 protocol = iota
	protoHTTP2
)

func (p protocol) String() string {
	if p == protoHTTP2 {
		return "HTTP/2"
	}
	return "HTTP/1.1"
}

// protocolOf returns the protocol a sending mode speaks.
func protocolOf(mode string) protocol {
	if mode == modeH2 {
		return protoHTTP2
	}
	return protoHTTP1
}

// newClient returns an HTTP client that speaks only proto and connects only
// where d allows.
func newClient(d *dialer, timeout time.Duration, proto protocol) *http.Client {
	var protos http.Protocols
	if proto == protoHTTP2 {
		protos.SetHTTP2(true)
		protos.SetUnencryptedHTTP2(true)
	} else {
		protos.SetHTTP1(true)
	}
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
		Protocols:           &protos,
	}
	return &http.Client{
		Transport:     tr,
		Timeout:       timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// clientFor returns the client of a protocol, creating it on first use.
func (r *runner) clientFor(p protocol) *http.Client {
	if r.clients == nil {
		r.clients = map[protocol]*http.Client{}
	}
	c := r.clients[p]
	if c == nil {
		c = newClient(r.d, r.o.timeout, p)
		r.clients[p] = c
	}
	return c
}

func (r *runner) closeClients() {
	for _, c := range r.clients {
		c.CloseIdleConnections()
	}
}

// do sends one request with the protocol of the current trial. Its error
// says what could not be done; the response is complete when err is nil.
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
	proto := protocolOf(r.mode)
	resp, err := r.clientFor(proto).Do(hreq)
	if err != nil {
		var ce *connError
		if errors.As(err, &ce) {
			return Response{}, ce
		}
		if isTimeout(err) {
			return Response{}, connErrorf("%s %s over %s: timed out", req.Method, req.URL, proto)
		}
		return Response{}, connErrorf("%s %s over %s: %v", req.Method, req.URL, proto, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyKeep))
	if err != nil {
		return Response{}, connErrorf("%s %s: reading response: %v", req.Method, req.URL, err)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: body, Proto: resp.Proto}, nil
}

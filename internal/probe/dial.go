package probe

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"
	"syscall"
	"time"
)

// connError is a failure to talk to the server at all (refused, TLS,
// protocol not spoken, timeout). It ends the run with exit status 2.
type connError struct{ msg string }

func (e *connError) Error() string { return e.msg }

func connErrorf(format string, args ...any) error {
	return &connError{msg: fmt.Sprintf(format, args...)}
}

// origin is the scheme, host and port that requests are sent to.
type origin struct {
	scheme string
	host   string // without brackets
	port   string
}

func originOf(u *url.URL) origin {
	o := origin{scheme: u.Scheme, host: strings.ToLower(u.Hostname()), port: u.Port()}
	if o.port == "" {
		o.port = "80"
		if o.scheme == "https" {
			o.port = "443"
		}
	}
	return o
}

func (o origin) addr() string   { return net.JoinHostPort(o.host, o.port) }
func (o origin) String() string { return o.scheme + "://" + o.addr() }

// isLoopbackName reports whether host is a loopback address or localhost.
func isLoopbackName(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// dialer opens connections, refusing addresses that are not loopback unless
// their host was named with --allow-host.
type dialer struct {
	timeout  time.Duration
	insecure bool
	allow    map[string]bool
}

func (d *dialer) allowed(host string) bool {
	return isLoopbackName(host) || d.allow[strings.ToLower(host)]
}

// checkURL rejects URLs whose host may not be targeted.
func (d *dialer) checkURL(u *url.URL) error {
	if !d.allowed(u.Hostname()) {
		return fmt.Errorf("refusing to send to %s: only loopback hosts (127.0.0.0/8, ::1, localhost) are probed unless --allow-host %s is given", u.Hostname(), u.Hostname())
	}
	return nil
}

// dialTCP connects to o. For hosts not explicitly allowed, the address that
// is actually connected to must be loopback, whatever the name resolved to.
func (d *dialer) dialTCP(ctx context.Context, o origin) (net.Conn, error) {
	nd := net.Dialer{Timeout: d.timeout}
	if !d.allow[o.host] {
		nd.Control = func(network, address string, _ syscall.RawConn) error {
			h, _, _ := net.SplitHostPort(address)
			if ip := net.ParseIP(h); ip == nil || !ip.IsLoopback() {
				return fmt.Errorf("%s resolved to non-loopback address %s; pass --allow-host %s to probe it", o.host, h, o.host)
			}
			return nil
		}
	}
	c, err := nd.DialContext(ctx, "tcp", o.addr())
	if err != nil {
		return nil, describeDialError(o, err)
	}
	return c, nil
}

func describeDialError(o origin, err error) error {
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return connErrorf("connection refused by %s (is the server running?)", o.addr())
	case errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return connErrorf("timed out connecting to %s", o.addr())
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return connErrorf("cannot connect to %s: %v", o.addr(), oe.Err)
	}
	return connErrorf("cannot connect to %s: %v", o.addr(), err)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// dial connects to o, doing the TLS handshake for https with the given ALPN
// protocols. It returns the negotiated protocol ("" for cleartext).
func (d *dialer) dial(ctx context.Context, o origin, alpn []string) (net.Conn, string, error) {
	c, err := d.dialTCP(ctx, o)
	if err != nil {
		return nil, "", err
	}
	if o.scheme != "https" {
		return c, "", nil
	}
	tc := tls.Client(c, &tls.Config{
		ServerName:         o.host,
		NextProtos:         alpn,
		InsecureSkipVerify: d.insecure,
	})
	hctx, cancel := context.WithTimeout(ctx, d.timeout)
	defer cancel()
	if err := tc.HandshakeContext(hctx); err != nil {
		c.Close()
		msg := err.Error()
		if strings.Contains(msg, "x509") || strings.Contains(msg, "certificate") {
			msg += " (use --insecure to skip certificate verification)"
		}
		if isTimeout(err) || errors.Is(err, context.DeadlineExceeded) {
			msg = "timed out"
		}
		return nil, "", connErrorf("TLS handshake with %s failed: %s", o.addr(), msg)
	}
	return tc, tc.ConnectionState().NegotiatedProtocol, nil
}

// tlsConfig is used by the plain client for setup requests and checks.
func (d *dialer) tlsConfig(host string) *tls.Config {
	return &tls.Config{ServerName: host, InsecureSkipVerify: d.insecure}
}

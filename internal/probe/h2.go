package probe

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// The HTTP/2 single-packet attack. Every request's HEADERS frame and all of
// its body but the last byte are sent first; after a PING round trip
// confirms the server has read them, the final DATA frames (one byte, or
// empty for bodiless requests, each with END_STREAM) are written to the
// socket with a single Write so that they arrive in one TCP packet.

const (
	h2ClientPreface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
	h2RecvWindow    = 1 << 30 // our stream and connection receive windows
	h2MaxConns      = 64      // connections used when the server limits streams
)

// errNotH2 reports that the server does not speak HTTP/2.
type errNotH2 struct{ reason string }

func (e *errNotH2) Error() string { return e.reason }

type h2Stream struct {
	id   uint32
	idx  int
	req  *Request
	resp *Response
	win  int64 // send window
	sent int   // body bytes sent
	hold int   // bytes kept back for the final frame: 1, or 0 for no body
	done bool
}

type h2Conn struct {
	conn net.Conn
	fr   *http2.Framer
	wbuf bytes.Buffer // frames are built here and written with one Write
	henc *hpack.Encoder
	hbuf bytes.Buffer

	maxFrame   uint32
	initWin    int64
	connWin    int64
	maxStreams uint32
	recvUnack  int64
	streams    map[uint32]*h2Stream
	order      []*h2Stream
	nextID     uint32
	ping       [8]byte
	pingAcked  bool
	goAway     bool
}

// h2Dial connects to o and exchanges SETTINGS. It fails with *errNotH2
// when the server does not speak HTTP/2.
func h2Dial(ctx context.Context, d *dialer, o origin, deadline time.Time) (*h2Conn, error) {
	conn, proto, err := d.dial(ctx, o, []string{"h2", "http/1.1"})
	if err != nil {
		return nil, err
	}
	if o.scheme == "https" && proto != "h2" {
		conn.Close()
		if proto == "" {
			proto = "none"
		}
		return nil, &errNotH2{fmt.Sprintf("server did not negotiate h2 over TLS (ALPN: %s)", proto)}
	}
	c := &h2Conn{
		conn:       conn,
		maxFrame:   16384,
		initWin:    65535,
		connWin:    65535,
		maxStreams: math.MaxUint32,
		streams:    map[uint32]*h2Stream{},
		nextID:     1,
	}
	c.henc = hpack.NewEncoder(&c.hbuf)
	br := bufio.NewReaderSize(conn, 64<<10)
	c.fr = http2.NewFramer(&c.wbuf, br)
	c.fr.ReadMetaHeaders = hpack.NewDecoder(4096, nil)
	c.fr.MaxHeaderListSize = 1 << 20

	c.wbuf.WriteString(h2ClientPreface)
	c.fr.WriteSettings(
		http2.Setting{ID: http2.SettingEnablePush, Val: 0},
		http2.Setting{ID: http2.SettingInitialWindowSize, Val: h2RecvWindow},
	)
	c.fr.WriteWindowUpdate(0, h2RecvWindow-65535)
	conn.SetDeadline(deadline)
	if err := c.flush(); err != nil {
		conn.Close()
		return nil, connErrorf("writing HTTP/2 preface to %s: %v", o.addr(), err)
	}
	if o.scheme == "http" {
		head, err := br.Peek(9)
		switch {
		case len(head) >= 5 && string(head[:5]) == "HTTP/":
			conn.Close()
			return nil, &errNotH2{"server answered the h2c prior-knowledge preface with HTTP/1.x"}
		case err != nil && isTimeout(err):
			conn.Close()
			return nil, &errNotH2{"server did not answer the h2c prior-knowledge preface"}
		case err != nil:
			conn.Close()
			return nil, &errNotH2{"server closed the connection on the h2c prior-knowledge preface"}
		case http2.FrameType(head[3]) != http2.FrameSettings:
			conn.Close()
			return nil, &errNotH2{"server did not answer the h2c preface with SETTINGS"}
		}
	}
	for {
		f, err := c.fr.ReadFrame()
		if err != nil {
			conn.Close()
			if isTimeout(err) {
				return nil, connErrorf("timed out waiting for HTTP/2 SETTINGS from %s", o.addr())
			}
			return nil, &errNotH2{fmt.Sprintf("bad HTTP/2 handshake: %v", err)}
		}
		if sf, ok := f.(*http2.SettingsFrame); ok && !sf.IsAck() {
			c.handle(f)
			if err := c.flush(); err != nil {
				conn.Close()
				return nil, connErrorf("HTTP/2 handshake with %s: %v", o.addr(), err)
			}
			return c, nil
		}
		c.handle(f)
	}
}

func (c *h2Conn) flush() error {
	if c.wbuf.Len() == 0 {
		return nil
	}
	_, err := c.conn.Write(c.wbuf.Bytes())
	c.wbuf.Reset()
	return err
}

// add registers a request as a new stream (nothing is sent yet).
func (c *h2Conn) add(idx int, req *Request, resp *Response) *h2Stream {
	s := &h2Stream{id: c.nextID, idx: idx, req: req, resp: resp, win: c.initWin}
	if len(req.Body) > 0 {
		s.hold = 1
	}
	c.nextID += 2
	c.streams[s.id] = s
	c.order = append(c.order, s)
	return s
}

// h2DropHeaders are connection-specific fields that HTTP/2 forbids.
var h2DropHeaders = map[string]bool{
	"host": true, "connection": true, "keep-alive": true, "proxy-connection": true,
	"transfer-encoding": true, "upgrade": true, "te": true,
}

func (c *h2Conn) writeHeaders(s *h2Stream) {
	r := s.req
	c.hbuf.Reset()
	enc := func(name, value string) { c.henc.WriteField(hpack.HeaderField{Name: name, Value: value}) }
	enc(":method", r.Method)
	enc(":scheme", r.URL.Scheme)
	enc(":authority", r.host())
	enc(":path", r.URL.RequestURI())
	for _, h := range r.Header {
		name := strings.ToLower(h.Name)
		if h2DropHeaders[name] {
			continue
		}
		enc(name, h.Value)
	}
	if !r.hasHeader("User-Agent") {
		enc("user-agent", userAgent)
	}
	if r.needsLength() {
		enc("content-length", strconv.Itoa(len(r.Body)))
	}
	block := c.hbuf.Bytes()
	max := int(c.maxFrame)
	first := block
	if len(first) > max {
		first = block[:max]
	}
	c.fr.WriteHeaders(http2.HeadersFrameParam{StreamID: s.id, BlockFragment: first, EndHeaders: len(first) == len(block)})
	for rest := block[len(first):]; len(rest) > 0; {
		n := min(len(rest), max)
		c.fr.WriteContinuation(s.id, n == len(rest), rest[:n])
		rest = rest[n:]
	}
}

// heldBack is the connection window reserved for final bytes.
func (c *h2Conn) heldBack() int64 {
	var n int64
	for _, s := range c.order {
		n += int64(s.hold)
	}
	return n
}

// sendPrefix writes as much of every body, except the held-back byte, as
// the flow-control windows allow. It reports whether everything is out.
func (c *h2Conn) sendPrefix() bool {
	reserve := c.heldBack()
	all := true
	for _, s := range c.order {
		want := len(s.req.Body) - s.hold
		for s.sent < want && !s.done {
			n := int64(want - s.sent)
			n = min(n, int64(c.maxFrame), s.win-int64(s.hold), c.connWin-reserve)
			if n <= 0 {
				break
			}
			c.fr.WriteData(s.id, false, s.req.Body[s.sent:s.sent+int(n)])
			s.sent += int(n)
			s.win -= n
			c.connWin -= n
		}
		if s.sent < want && !s.done {
			all = false
		}
	}
	return all
}

// prepare sends every stream's HEADERS and body prefix, then waits for a
// PING acknowledgement so that all of it has been read by the server.
func (c *h2Conn) prepare() error {
	for _, s := range c.order {
		c.writeHeaders(s)
	}
	done := c.sendPrefix()
	if err := c.flush(); err != nil {
		return err
	}
	for !done {
		if err := c.readOne(); err != nil {
			return fmt.Errorf("waiting for flow-control window to send request bodies: %w", err)
		}
		done = c.sendPrefix()
		if err := c.flush(); err != nil {
			return err
		}
	}
	rand.Read(c.ping[:])
	c.pingAcked = false
	c.fr.WritePing(false, c.ping)
	if err := c.flush(); err != nil {
		return err
	}
	for !c.pingAcked {
		if err := c.readOne(); err != nil {
			return fmt.Errorf("waiting for PING acknowledgement: %w", err)
		}
		if err := c.flush(); err != nil {
			return err
		}
	}
	return nil
}

// streamFinal is the last DATA frame of one stream.
type streamFinal struct {
	idx   int // request index in the burst
	frame []byte
}

// finalFrames returns the last DATA frame of every unfinished stream,
// ready to be written.
func (c *h2Conn) finalFrames() []streamFinal {
	var out []streamFinal
	for _, s := range c.order {
		if s.done {
			continue
		}
		c.wbuf.Reset()
		c.fr.WriteData(s.id, true, s.req.Body[s.sent:])
		s.win -= int64(s.hold)
		c.connWin -= int64(s.hold)
		out = append(out, streamFinal{s.idx, bytes.Clone(c.wbuf.Bytes())})
	}
	c.wbuf.Reset()
	return out
}

func (c *h2Conn) pending() bool {
	for _, s := range c.order {
		if !s.done {
			return true
		}
	}
	return false
}

// readOne reads and handles one frame.
func (c *h2Conn) readOne() error {
	f, err := c.fr.ReadFrame()
	if err != nil {
		var se http2.StreamError
		if errors.As(err, &se) {
			if s := c.streams[se.StreamID]; s != nil && !s.done {
				c.finish(s, fmt.Sprintf("stream error: %v", se.Code))
			}
			return nil
		}
		return err
	}
	c.handle(f)
	return nil
}

func (c *h2Conn) finish(s *h2Stream, errMsg string) {
	s.done = true
	if errMsg != "" && s.resp.Status == 0 {
		s.resp.Err = errMsg
	}
}

// handle applies one frame to the connection state, queueing any reply.
func (c *h2Conn) handle(f http2.Frame) {
	switch f := f.(type) {
	case *http2.SettingsFrame:
		if f.IsAck() {
			return
		}
		f.ForeachSetting(func(st http2.Setting) error {
			switch st.ID {
			case http2.SettingMaxFrameSize:
				c.maxFrame = st.Val
			case http2.SettingInitialWindowSize:
				delta := int64(st.Val) - c.initWin
				c.initWin = int64(st.Val)
				for _, s := range c.order {
					s.win += delta
				}
			case http2.SettingMaxConcurrentStreams:
				c.maxStreams = st.Val
			case http2.SettingHeaderTableSize:
				c.henc.SetMaxDynamicTableSizeLimit(st.Val)
			}
			return nil
		})
		c.fr.WriteSettingsAck()
	case *http2.WindowUpdateFrame:
		if f.StreamID == 0 {
			c.connWin += int64(f.Increment)
		} else if s := c.streams[f.StreamID]; s != nil {
			s.win += int64(f.Increment)
		}
	case *http2.PingFrame:
		if f.IsAck() {
			if f.Data == c.ping {
				c.pingAcked = true
			}
			return
		}
		c.fr.WritePing(true, f.Data)
	case *http2.MetaHeadersFrame:
		s := c.streams[f.StreamID]
		if s == nil || s.done {
			return
		}
		if s.resp.Status == 0 {
			code, err := strconv.Atoi(f.PseudoValue("status"))
			if err != nil {
				c.finish(s, "response without a valid :status")
				return
			}
			if code >= 100 && code < 200 {
				return // informational
			}
			s.resp.Status = code
			s.resp.Header = http.Header{}
			for _, hf := range f.RegularFields() {
				s.resp.Header.Add(hf.Name, hf.Value)
			}
		}
		if f.StreamEnded() {
			c.finish(s, "")
		}
	case *http2.DataFrame:
		c.recvUnack += int64(f.Length)
		if c.recvUnack > h2RecvWindow/2 {
			c.fr.WriteWindowUpdate(0, uint32(c.recvUnack))
			c.recvUnack = 0
		}
		s := c.streams[f.StreamID]
		if s == nil || s.done {
			return
		}
		if room := maxBodyKeep - len(s.resp.Body); room > 0 {
			d := f.Data()
			s.resp.Body = append(s.resp.Body, d[:min(len(d), room)]...)
		}
		if f.StreamEnded() {
			c.finish(s, "")
		}
	case *http2.RSTStreamFrame:
		if s := c.streams[f.StreamID]; s != nil && !s.done {
			c.finish(s, fmt.Sprintf("stream reset by server (%v)", f.ErrCode))
		}
	case *http2.GoAwayFrame:
		c.goAway = true
		for _, s := range c.order {
			if s.id > f.LastStreamID && !s.done {
				c.finish(s, fmt.Sprintf("not processed: server sent GOAWAY (%v)", f.ErrCode))
			}
		}
	}
}

// readAll reads frames until every stream has finished or the connection
// fails, answering PINGs and SETTINGS on the way.
func (c *h2Conn) readAll() {
	for c.pending() {
		if err := c.readOne(); err != nil {
			msg := "connection closed by server before the response"
			switch {
			case isTimeout(err):
				msg = "timed out waiting for the response"
			case !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF):
				msg = fmt.Sprintf("connection error: %v", err)
			}
			for _, s := range c.order {
				if !s.done {
					c.finish(s, msg)
				}
			}
			return
		}
		c.flush()
	}
}

// runH2 sends the burst with the single-packet technique. When the server
// allows fewer concurrent streams than requests, the requests are spread
// over several connections whose final frames are written back to back.
func runH2(ctx context.Context, d *dialer, b *burst) (*burstResult, error) {
	o := originOf(b.reqs[0].URL)
	first, err := h2Dial(ctx, d, o, b.deadline)
	if err != nil {
		return nil, err
	}
	conns := []*h2Conn{first}
	defer func() {
		for _, c := range conns {
			c.conn.Close()
		}
	}()
	res := &burstResult{resps: make([]Response, len(b.reqs))}
	per := len(b.reqs)
	if m := first.maxStreams; uint64(m) < uint64(per) {
		if m == 0 {
			return nil, connErrorf("server at %s allows 0 concurrent HTTP/2 streams", o.addr())
		}
		per = int(m)
		groups := (len(b.reqs) + per - 1) / per
		if groups > h2MaxConns {
			return nil, connErrorf("server at %s allows only %d concurrent HTTP/2 streams; %d requests would need %d connections (max %d): lower -n", o.addr(), m, len(b.reqs), groups, h2MaxConns)
		}
		res.notes = append(res.notes, fmt.Sprintf("server allows %d concurrent streams: requests split over %d connections, final frames written back to back", m, groups))
		for len(conns) < groups {
			c, err := h2Dial(ctx, d, o, b.deadline)
			if err != nil {
				return nil, err
			}
			conns = append(conns, c)
		}
	}
	for i, r := range b.reqs {
		conns[i/per].add(i, r, &res.resps[i])
	}
	for _, c := range conns {
		if err := c.prepare(); err != nil {
			return nil, connErrorf("HTTP/2 burst to %s: %v", o.addr(), err)
		}
	}
	// the final frame of every stream; without jitter those of one
	// connection are written with one Write
	type final struct {
		conn  *h2Conn
		frame []byte
	}
	finals := make([]final, len(b.reqs))
	for _, c := range conns {
		for _, f := range c.finalFrames() {
			finals[f.idx] = final{c, f.frame}
		}
	}
	perConn := make([][]byte, len(conns))
	for i, c := range conns {
		for _, s := range c.order {
			perConn[i] = append(perConn[i], finals[s.idx].frame...)
		}
	}
	delays, order := jitterDelays(len(b.reqs), b.jitter)
	if err := b.waitRelease(ctx); err != nil {
		return nil, err
	}
	var werr error
	if b.jitter > 0 {
		first, last := fireScheduled(ctx, delays, order, func(i int) {
			if finals[i].conn == nil {
				return // the stream was answered before its end
			}
			if _, err := finals[i].conn.conn.Write(finals[i].frame); err != nil && werr == nil {
				werr = err
			}
		})
		res.writes = len(b.reqs)
		res.sentAt, res.spread = first, last.Sub(first)
	} else {
		res.sentAt = time.Now()
		for i, c := range conns {
			if _, err := c.conn.Write(perConn[i]); err != nil && werr == nil {
				werr = err
			}
		}
		res.writes = len(conns)
		res.spread = time.Since(res.sentAt)
	}
	b.markSent()
	if b.jitter == 0 {
		res.packetBytes = len(perConn[0])
	}
	if werr != nil {
		return nil, connErrorf("writing final frames to %s: %v", o.addr(), werr)
	}
	var wg sync.WaitGroup
	for _, c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.readAll()
		}()
	}
	wg.Wait()
	return res, nil
}

func sleepCtx(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

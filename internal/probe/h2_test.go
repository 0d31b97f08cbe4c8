package probe

import (
	"bytes"
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/http2"
	"golang.org/x/net/http2/hpack"
)

// finalRead is what the hand-driven server saw in the first read after it
// acknowledged the client's PING.
type finalRead struct {
	endStreams int    // DATA frames with END_STREAM
	payload    []byte // their payloads, concatenated
	other      int    // frames of any other kind
	err        error
}

// scriptedH2 accepts one connection, speaks just enough HTTP/2 to take a
// burst, reads the final frames with a single Read, then answers stream 1,
// resets stream 3 and sends GOAWAY naming stream 3 as the last one
// processed.
func scriptedH2(t *testing.T) (string, <-chan finalRead) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	out := make(chan finalRead, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			out <- finalRead{err: err}
			return
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(10 * time.Second))
		preface := make([]byte, len(h2ClientPreface))
		if _, err := io.ReadFull(c, preface); err != nil || string(preface) != h2ClientPreface {
			out <- finalRead{err: err}
			return
		}
		// reading the raw conn frame by frame never reads past a frame
		fr := http2.NewFramer(c, c)
		fr.WriteSettings(http2.Setting{ID: http2.SettingMaxConcurrentStreams, Val: 100})
		for {
			f, err := fr.ReadFrame()
			if err != nil {
				out <- finalRead{err: err}
				return
			}
			if sf, ok := f.(*http2.SettingsFrame); ok && !sf.IsAck() {
				fr.WriteSettingsAck()
			}
			if pf, ok := f.(*http2.PingFrame); ok && !pf.IsAck() {
				fr.WritePing(true, pf.Data)
				break
			}
		}
		buf := make([]byte, 1<<16)
		n, err := c.Read(buf)
		if err != nil {
			out <- finalRead{err: err}
			return
		}
		var res finalRead
		rd := http2.NewFramer(nil, bytes.NewReader(buf[:n]))
		for {
			f, err := rd.ReadFrame()
			if err != nil {
				break
			}
			if df, ok := f.(*http2.DataFrame); ok && df.StreamEnded() {
				res.endStreams++
				res.payload = append(res.payload, df.Data()...)
			} else {
				res.other++
			}
		}
		out <- res
		var hb bytes.Buffer
		enc := hpack.NewEncoder(&hb)
		enc.WriteField(hpack.HeaderField{Name: ":status", Value: "201"})
		fr.WriteHeaders(http2.HeadersFrameParam{StreamID: 1, BlockFragment: hb.Bytes(), EndHeaders: true})
		fr.WriteData(1, true, []byte("created"))
		fr.WriteRSTStream(3, http2.ErrCodeRefusedStream)
		fr.WriteGoAway(3, http2.ErrCodeNo, nil)
		io.Copy(io.Discard, c)
	}()
	return "http://" + ln.Addr().String(), out
}

func TestH2SinglePacketAndGoAway(t *testing.T) {
	base, seen := scriptedH2(t)
	var reqs []*Request
	for i := range 5 {
		body := "abc"
		if i == 4 {
			body = "" // bodiless: the final frame is an empty DATA with END_STREAM
		}
		r, err := RequestSpec{Method: "POST", URL: base + "/x", Body: body}.render(nil)
		if err != nil {
			t.Fatal(err)
		}
		reqs = append(reqs, r)
	}
	res, err := runH2(context.Background(), &dialer{timeout: 5 * time.Second}, &burst{reqs: reqs, deadline: time.Now().Add(10 * time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	got := <-seen
	if got.err != nil {
		t.Fatal(got.err)
	}
	if got.endStreams != 5 || got.other != 0 || string(got.payload) != "cccc" {
		t.Errorf("first read after the PING ack: %d END_STREAM frames, %d others, payload %q; want 5, 0, \"cccc\"", got.endStreams, got.other, got.payload)
	}
	if res.writes != 1 {
		t.Errorf("%d final writes, want 1", res.writes)
	}
	want := []struct {
		status int
		err    string
	}{
		{201, ""},
		{0, "stream reset by server (REFUSED_STREAM)"},
		{0, "not processed: server sent GOAWAY (NO_ERROR)"},
		{0, "not processed: server sent GOAWAY (NO_ERROR)"},
		{0, "not processed: server sent GOAWAY (NO_ERROR)"},
	}
	for i, w := range want {
		r := res.resps[i]
		if r.Status != w.status || r.Err != w.err {
			t.Errorf("stream %d: status %d err %q, want %d %q", 2*i+1, r.Status, r.Err, w.status, w.err)
		}
	}
	if string(res.resps[0].Body) != "created" {
		t.Errorf("body %q", res.resps[0].Body)
	}
}

func TestH2HeadersSplitIntoContinuation(t *testing.T) {
	b := newBank(0)
	srv := startH2C(t, b, nil)
	r, err := RequestSpec{Method: "GET", URL: srv.URL + "/state", Header: []Header{{"X-Big", strings.Repeat("v", 40000)}}}.render(nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := runH2(context.Background(), &dialer{timeout: 5 * time.Second}, &burst{reqs: []*Request{r, r}, deadline: time.Now().Add(5 * time.Second)})
	if err != nil {
		t.Fatal(err)
	}
	for i, resp := range res.resps {
		if resp.Status != 200 {
			t.Errorf("request %d: %d %s", i, resp.Status, resp.Err)
		}
	}
}

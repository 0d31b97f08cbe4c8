package probe

import (
	"context"
	"errors"
	"math/rand/v2"
	"sort"
	"sync"
	"time"
)

// Waves and jitter. A wave is one synchronised burst of N requests; with
// --waves K the trial sends K of them, each wave's final bytes written
// --wave-gap after the previous wave's, without waiting for its answers.
// Every wave is prepared (connections, headers, body prefixes) before the
// first one fires, so the gap between waves is not stretched by dialling.
// --jitter D delays each request's final bytes by a random 0..D.

// errWaveAborted stops waves that were prepared when another wave failed.
var errWaveAborted = errors.New("aborted because another wave failed")

// waitRelease blocks until the burst may write its final bytes: after the
// settle pause, or when the wave scheduler releases it.
func (b *burst) waitRelease(ctx context.Context) error {
	if b.release != nil {
		return b.release()
	}
	sleepCtx(ctx, b.settle)
	return nil
}

// markSent tells the wave scheduler that the final bytes are out.
func (b *burst) markSent() {
	if b.sent != nil {
		b.sent()
	}
}

// jitterDelays returns a random delay in [0, max] for each of n requests
// and the request indices in the order their delays expire. Without
// jitter every delay is 0 and the order is the request order.
func jitterDelays(n int, max time.Duration) ([]time.Duration, []int) {
	delays := make([]time.Duration, n)
	order := make([]int, n)
	for i := range order {
		order[i] = i
		if max > 0 {
			delays[i] = time.Duration(rand.Int64N(int64(max) + 1))
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return delays[order[a]] < delays[order[b]] })
	return delays, order
}

// fireScheduled calls write for every index in order, each at start plus
// its delay, and returns when the first write began and the last ended:
// the send spread is measured on the writes, not on the schedule, since a
// loaded machine may wake up late and write several at once.
func fireScheduled(ctx context.Context, delays []time.Duration, order []int, write func(i int)) (first, last time.Time) {
	start := time.Now()
	for k, i := range order {
		if wait := delays[i] - time.Since(start); wait > 0 {
			sleepCtx(ctx, wait)
		}
		if k == 0 {
			first = time.Now()
		}
		write(i)
	}
	return first, time.Now()
}

// sendFunc is one of the sending modes.
type sendFunc func(context.Context, *dialer, *burst) (*burstResult, error)

// sendWaves sends the bursts as waves: all are prepared first, then the
// first is released after the settle pause and each following one gap
// after the previous one's final bytes were written. It returns the result
// of every wave, or the first error.
func sendWaves(ctx context.Context, d *dialer, send sendFunc, bursts []*burst, settle, gap time.Duration) ([]*burstResult, error) {
	if len(bursts) == 1 && bursts[0].release == nil {
		res, err := send(ctx, d, bursts[0])
		return []*burstResult{res}, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	k := len(bursts)
	type wave struct {
		ready, gate, sent, done chan struct{}
		gateOnce, sentOnce      sync.Once
		res                     *burstResult
		err                     error
	}
	waves := make([]*wave, k)
	for i, b := range bursts {
		w := &wave{ready: make(chan struct{}), gate: make(chan struct{}), sent: make(chan struct{}), done: make(chan struct{})}
		waves[i] = w
		var readyOnce sync.Once
		b.release = func() error {
			readyOnce.Do(func() { close(w.ready) })
			select {
			case <-w.gate:
			case <-ctx.Done():
				return errWaveAborted
			}
			if ctx.Err() != nil {
				return errWaveAborted
			}
			return nil
		}
		b.sent = func() { w.sentOnce.Do(func() { close(w.sent) }) }
		go func() {
			defer close(w.done)
			w.res, w.err = send(ctx, d, b)
		}()
	}
	waitAll := func() {
		for _, w := range waves {
			<-w.done
		}
	}
	firstErr := func() error {
		for _, w := range waves {
			if w.err != nil && !errors.Is(w.err, errWaveAborted) {
				return w.err
			}
		}
		for _, w := range waves {
			if w.err != nil {
				return w.err
			}
		}
		return nil
	}
	for _, w := range waves {
		select {
		case <-w.ready:
		case <-w.done:
		}
	}
	for _, w := range waves {
		select {
		case <-w.done:
			if w.err != nil {
				cancel()
				waitAll()
				return nil, firstErr()
			}
		default:
		}
	}
	sleepCtx(ctx, settle)
	for i, w := range waves {
		w.gateOnce.Do(func() { close(w.gate) })
		select {
		case <-w.sent:
		case <-w.done:
		}
		if i < k-1 {
			sleepCtx(ctx, gap)
		}
	}
	waitAll()
	if err := firstErr(); err != nil {
		return nil, err
	}
	out := make([]*burstResult, k)
	for i, w := range waves {
		out[i] = w.res
	}
	return out, nil
}

package cli

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// progress shows a one-line progress report on a terminal, rewritten in
// place, once a scan has taken longer than a delay; quick scans print
// nothing. It is cleared when the scan ends.
type progress struct {
	w           io.Writer
	done, total atomic.Int64
	stop        chan struct{}
	wg          sync.WaitGroup
	shown       bool // written only by the drawing goroutine, read after it ends
}

const progressTick = 100 * time.Millisecond

func startProgress(w io.Writer, delay time.Duration) *progress {
	p := &progress{w: w, stop: make(chan struct{})}
	p.wg.Add(1)
	go p.loop(delay)
	return p
}

// update is the engine's progress callback; it may be called from many
// goroutines at once.
func (p *progress) update(done, total int) {
	p.total.Store(int64(total))
	for {
		cur := p.done.Load()
		if int64(done) <= cur || p.done.CompareAndSwap(cur, int64(done)) {
			return
		}
	}
}

func (p *progress) loop(delay time.Duration) {
	defer p.wg.Done()
	wait := time.NewTimer(delay)
	defer wait.Stop()
	select {
	case <-p.stop:
		return
	case <-wait.C:
	}
	tick := time.NewTicker(progressTick)
	defer tick.Stop()
	last := ""
	for {
		line := p.line()
		if line != last {
			fmt.Fprintf(p.w, "\r\x1b[K%s", line)
			last = line
			p.shown = true
		}
		select {
		case <-p.stop:
			return
		case <-tick.C:
		}
	}
}

func (p *progress) line() string {
	done, total := p.done.Load(), p.total.Load()
	switch {
	case total == 0:
		return "racecheck: looking for files…"
	case done < total:
		return fmt.Sprintf("racecheck: parsing %d/%d files (%d%%)", done, total, done*100/total)
	}
	return fmt.Sprintf("racecheck: analysing %d files…", total)
}

// finish stops the display and clears the line if anything was shown.
func (p *progress) finish() {
	close(p.stop)
	p.wg.Wait()
	if p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

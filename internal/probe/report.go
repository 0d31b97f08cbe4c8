package probe

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Report is the result of a run; it is also the --format json output.
type Report struct {
	Name          string        `json:"name,omitempty"`
	Method        string        `json:"method"`
	Target        string        `json:"target"`
	N             int           `json:"n"`
	Waves         int           `json:"waves"`
	Warmup        int           `json:"warmup,omitempty"` // bursts sent first and not counted
	Prime         string        `json:"prime,omitempty"`  // the request sent N times before each burst
	WaveGapMillis float64       `json:"wave_gap_ms,omitempty"`
	JitterMillis  float64       `json:"jitter_ms,omitempty"`
	Mode          string        `json:"mode"`
	ModeReason    string        `json:"mode_reason"`
	Protocol      string        `json:"protocol,omitempty"` // of setup, checks and replays, as of the burst
	TimingHeader  string        `json:"timing_header,omitempty"`
	Trials        []TrialReport `json:"trials"`
	Summary       Summary       `json:"summary"`
}

// TrialReport is one trial (one or more waves) and its verdict.
type TrialReport struct {
	Trial     int            `json:"trial"`
	Mode      string         `json:"mode"`
	Statuses  map[string]int `json:"statuses"`
	Successes int            `json:"successes"`
	// Requests counts each request of a mixed race separately.
	Requests []RequestCount `json:"requests,omitempty"`
	// SendSpreadMicros is measured on the client: from the first to the
	// last synchronising write of a wave (the largest over the waves).
	SendSpreadMicros float64 `json:"send_spread_us"`
	// ArrivalSpreadMicros is reported by the server through the timing
	// header: latest minus earliest arrival within a wave (the largest
	// over the waves).
	ArrivalSpreadMicros *float64     `json:"arrival_spread_us,omitempty"`
	TimedResponses      int          `json:"timed_responses,omitempty"`
	Waves               []WaveReport `json:"waves,omitempty"`
	SyncWrites          int          `json:"sync_writes"`
	FinalBytes          int          `json:"final_write_bytes,omitempty"`
	BurstMillis         float64      `json:"burst_ms"`
	Results             []Outcome    `json:"results"`
	Notes               []string     `json:"notes,omitempty"`
	Errors              []string     `json:"errors,omitempty"`
	// Error says why the trial has no verdict: a check or replay that
	// could not be completed or evaluated.
	Error string `json:"error,omitempty"`
	Pass  bool   `json:"pass"`

	responses []Response
}

// WaveReport is one wave of a trial with several.
type WaveReport struct {
	Wave                int            `json:"wave"`
	StartMillis         float64        `json:"start_ms"` // final writes began this long after wave 1's
	SendSpreadMicros    float64        `json:"send_spread_us"`
	ArrivalSpreadMicros *float64       `json:"arrival_spread_us,omitempty"`
	Statuses            map[string]int `json:"statuses"`
}

// RequestCount is one request of a mixed race group.
type RequestCount struct {
	Request   int            `json:"request"` // 1-based position in race.requests
	Label     string         `json:"label"`
	Sent      int            `json:"sent"`
	Successes int            `json:"successes"`
	Statuses  map[string]int `json:"statuses"`
}

// Outcome is the verdict of one expectation, check or idempotency rule.
// Error marks a check or replay that could not be evaluated: it is neither
// a pass nor a failure.
type Outcome struct {
	Kind   string `json:"kind"`
	Text   string `json:"text"`
	Pass   bool   `json:"pass"`
	Error  bool   `json:"error,omitempty"`
	Detail string `json:"detail"`
}

// Summary counts trials and gives the exit status.
type Summary struct {
	Trials    int    `json:"trials"`
	Planned   int    `json:"planned"`
	Failed    int    `json:"failed"`
	Verdict   string `json:"verdict"`
	Exit      int    `json:"exit"`
	Error     string `json:"error,omitempty"`
	RaceShown bool   `json:"race_shown"`
}

// summarize sets the verdict. A setup, check or replay that could not be
// completed gives exit status 2 whatever happened before: the run has no
// verdict. Other errors (the server stopped answering, --max-time) keep a
// race shown in the trials that completed.
func (r *Report) summarize(planned int, runErr error) {
	s := &r.Summary
	s.Trials, s.Planned = len(r.Trials), planned
	for _, t := range r.Trials {
		if !t.Pass && t.Error == "" {
			s.Failed++
		}
	}
	var se *stepError
	switch {
	case errors.As(runErr, &se):
		s.Exit = 2
		s.Verdict = "error, no verdict: " + se.msg
		if s.Failed > 0 {
			s.Verdict += fmt.Sprintf(" (expectations had failed in %d earlier trials)", s.Failed)
		}
	case s.Failed > 0:
		s.RaceShown, s.Exit = true, 1
		s.Verdict = fmt.Sprintf("race shown: expectations failed in %d of %d trials", s.Failed, s.Trials)
	case s.Trials < planned || runErr != nil:
		s.Exit = 2
		s.Verdict = fmt.Sprintf("incomplete: %d of %d trials ran, all expectations held in those", s.Trials, planned)
	default:
		s.Verdict = fmt.Sprintf("no race shown: all expectations held in %d trials", s.Trials)
	}
	if runErr != nil {
		s.Error = runErr.Error()
	}
}

// histText renders a status histogram in code order: "200 x3, 409 x17".
func histText(h map[string]int) string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, errA := strconv.Atoi(keys[i])
		b, errB := strconv.Atoi(keys[j])
		if errA != nil || errB != nil {
			return errA == nil
		}
		return a < b
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s x%d", k, h[k])
	}
	return strings.Join(parts, ", ")
}

func spreadText(us float64) string {
	if us < 1000 {
		return fmt.Sprintf("%.0fµs", us)
	}
	return fmt.Sprintf("%.2fms", us/1000)
}

func writeText(w io.Writer, r *Report) {
	title := r.Method + " " + r.Target
	if r.Name != "" {
		title = r.Name + ": " + title
	}
	waves := ""
	if r.Waves > 1 {
		waves = fmt.Sprintf(" x %d waves %vms apart", r.Waves, r.WaveGapMillis)
	}
	warm := ""
	if r.Warmup > 0 {
		warm = fmt.Sprintf(" (after %d warm-up bursts, not counted)", r.Warmup)
	}
	fmt.Fprintf(w, "probe %s: %d requests%s x %d trials%s\n", title, r.N, waves, r.Summary.Planned, warm)
	if r.Prime != "" {
		fmt.Fprintf(w, "primed before every burst: %d x %s\n", r.N, r.Prime)
	}
	if r.Mode != "" {
		fmt.Fprintf(w, "mode %s: %s\n", r.Mode, r.ModeReason)
	}
	for _, t := range r.Trials {
		verdict := "PASS"
		switch {
		case t.Error != "":
			verdict = "ERROR"
		case !t.Pass:
			verdict = "FAIL"
		}
		writes := "1 write"
		if t.SyncWrites != 1 {
			writes = fmt.Sprintf("%d writes", t.SyncWrites)
		}
		if t.FinalBytes > 0 {
			writes += fmt.Sprintf(" of %d bytes", t.FinalBytes)
		}
		mode := ""
		if t.Mode != r.Mode {
			mode = " [" + t.Mode + "]"
		}
		arrival := ""
		if t.ArrivalSpreadMicros != nil {
			arrival = ", arrival spread " + spreadText(*t.ArrivalSpreadMicros)
		}
		fmt.Fprintf(w, "trial %d: %s%s  statuses: %s  send spread %s (%s)%s\n", t.Trial, verdict, mode, histText(t.Statuses), spreadText(t.SendSpreadMicros), writes, arrival)
		for _, wv := range t.Waves {
			arrival := ""
			if wv.ArrivalSpreadMicros != nil {
				arrival = ", arrival spread " + spreadText(*wv.ArrivalSpreadMicros)
			}
			fmt.Fprintf(w, "  wave %d at +%.3fms: statuses %s, send spread %s%s\n", wv.Wave, wv.StartMillis, histText(wv.Statuses), spreadText(wv.SendSpreadMicros), arrival)
		}
		for _, c := range t.Requests {
			fmt.Fprintf(w, "  request %d (%s): %d of %d succeeded; statuses %s\n", c.Request, c.Label, c.Successes, c.Sent, histText(c.Statuses))
		}
		for _, n := range t.Notes {
			fmt.Fprintf(w, "  note: %s\n", n)
		}
		for _, e := range t.Errors {
			fmt.Fprintf(w, "  error: %s\n", e)
		}
		for _, o := range t.Results {
			mark := "PASS"
			switch {
			case o.Error:
				mark = "ERROR"
			case !o.Pass:
				mark = "FAIL"
			}
			label := o.Text
			if o.Kind == "check" {
				label = "check " + label
			}
			fmt.Fprintf(w, "  %s %s: %s\n", mark, label, o.Detail)
		}
	}
	fmt.Fprintf(w, "summary: %s (exit %d)\n", r.Summary.Verdict, r.Summary.Exit)
}

func writeJSON(w io.Writer, r *Report) {
	if r.Trials == nil {
		r.Trials = []TrialReport{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(r)
}

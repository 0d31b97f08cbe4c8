package probe

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Report is the result of a run; it is also the --format json output.
type Report struct {
	Name       string        `json:"name,omitempty"`
	Method     string        `json:"method"`
	Target     string        `json:"target"`
	N          int           `json:"n"`
	Mode       string        `json:"mode"`
	ModeReason string        `json:"mode_reason"`
	Trials     []TrialReport `json:"trials"`
	Summary    Summary       `json:"summary"`
}

// TrialReport is one burst and its verdict.
type TrialReport struct {
	Trial        int            `json:"trial"`
	Mode         string         `json:"mode"`
	Statuses     map[string]int `json:"statuses"`
	Successes    int            `json:"successes"`
	SpreadMicros float64        `json:"send_spread_us"`
	SyncWrites   int            `json:"sync_writes"`
	FinalBytes   int            `json:"final_write_bytes,omitempty"`
	BurstMillis  float64        `json:"burst_ms"`
	Results      []Outcome      `json:"results"`
	Notes        []string       `json:"notes,omitempty"`
	Errors       []string       `json:"errors,omitempty"`
	Pass         bool           `json:"pass"`

	responses []Response
}

// Outcome is the verdict of one expectation, check or idempotency rule.
type Outcome struct {
	Kind   string `json:"kind"`
	Text   string `json:"text"`
	Pass   bool   `json:"pass"`
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

func (r *Report) summarize(planned int) {
	s := &r.Summary
	s.Trials, s.Planned = len(r.Trials), planned
	for _, t := range r.Trials {
		if !t.Pass {
			s.Failed++
		}
	}
	switch {
	case s.Failed > 0:
		s.RaceShown, s.Exit = true, 1
		s.Verdict = fmt.Sprintf("race shown: expectations failed in %d of %d trials", s.Failed, s.Trials)
	case s.Trials < planned:
		s.Exit = 2
		s.Verdict = fmt.Sprintf("incomplete: %d of %d trials ran, all expectations held in those", s.Trials, planned)
	default:
		s.Verdict = fmt.Sprintf("no race shown: all expectations held in %d trials", s.Trials)
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
	fmt.Fprintf(w, "probe %s: %d requests x %d trials\n", title, r.N, r.Summary.Planned)
	if r.Mode != "" {
		fmt.Fprintf(w, "mode %s: %s\n", r.Mode, r.ModeReason)
	}
	for _, t := range r.Trials {
		verdict := "PASS"
		if !t.Pass {
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
		fmt.Fprintf(w, "trial %d: %s%s  statuses: %s  send spread %s (%s)\n", t.Trial, verdict, mode, histText(t.Statuses), spreadText(t.SpreadMicros), writes)
		for _, n := range t.Notes {
			fmt.Fprintf(w, "  note: %s\n", n)
		}
		for _, e := range t.Errors {
			fmt.Fprintf(w, "  error: %s\n", e)
		}
		for _, o := range t.Results {
			mark := "PASS"
			if !o.Pass {
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

func writeJSON(w io.Writer, r *Report, runErr error) {
	if runErr != nil {
		r.Summary.Error = runErr.Error()
		if r.Summary.Failed == 0 {
			r.Summary.Exit = 2
		}
	}
	if r.Trials == nil {
		r.Trials = []TrialReport{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(r)
}

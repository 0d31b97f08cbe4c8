package probe

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Server-side arrival spread. With --timing-header NAME the application
// reports, in a response header, when each request reached it; the probe
// reports the spread (latest minus earliest) of those times per wave. This
// is what decides whether the requests overlapped in the handlers, unlike
// the send spread, which is measured on the client.
//
// The header value is one of:
//
//   - an integer: nanoseconds, e.g. process.hrtime.bigint() in Node.js
//     (any fixed origin works, as only differences are used);
//   - a decimal number with a fraction: milliseconds, e.g.
//     performance.now().toFixed(3) or (performance.timeOrigin +
//     performance.now()).toFixed(3).
//
// Write milliseconds with a decimal point: "1712.000", not "1712", which
// would be read as nanoseconds. See docs/probe-timing.md for middleware.

// parseArrival converts a timing header value to nanoseconds. Both forms
// are read exactly, without floating point.
func parseArrival(v string) (int64, error) {
	v = strings.TrimSpace(v)
	whole, frac, hasPoint := strings.Cut(v, ".")
	if !allDigits(whole) || (hasPoint && !allDigits(frac)) {
		return 0, fmt.Errorf("%q is neither integer nanoseconds nor milliseconds with a decimal point", clip(v, 30))
	}
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is too large", clip(v, 30))
	}
	if !hasPoint {
		return n, nil
	}
	if n > (math.MaxInt64-999999)/1000000 {
		return 0, fmt.Errorf("%q is too large for milliseconds", clip(v, 30))
	}
	// milliseconds: the fraction gives up to six more digits of nanoseconds
	ns := n * 1e6
	frac = (frac + "000000")[:6]
	f, _ := strconv.ParseInt(frac, 10, 64)
	return ns + f, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// arrivalStats is what the timing header told about one wave.
type arrivalStats struct {
	spreadNs int64  // latest minus earliest arrival
	seen     int    // responses that carried a readable value
	bad      int    // responses whose value could not be read
	badValue string // the first unreadable value, for the note
}

// arrivals reads the timing header of every response of a wave.
func arrivals(resps []Response, header string) arrivalStats {
	var st arrivalStats
	var lo, hi int64
	for _, r := range resps {
		if r.Status == 0 || r.Header == nil {
			continue
		}
		v := r.Header.Get(header)
		if v == "" {
			continue
		}
		ns, err := parseArrival(v)
		if err != nil {
			st.bad++
			if st.badValue == "" {
				st.badValue = err.Error()
			}
			continue
		}
		if st.seen == 0 || ns < lo {
			lo = ns
		}
		if st.seen == 0 || ns > hi {
			hi = ns
		}
		st.seen++
	}
	if st.seen > 0 {
		st.spreadNs = hi - lo
	}
	return st
}

package probe

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Variables are written {{name}} in URLs, headers, bodies, check values and
// expectation counts. Names start with a letter or underscore.
var varRef = regexp.MustCompile(`\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}`)

// Built-in variables that are always defined during a run.
const (
	varN          = "n"               // requests in the burst
	varTrial      = "trial"           // 1-based trial number
	varIndex      = "i"               // 0-based index of the request in the burst
	varRandom     = "random"          // random hex string, fresh per trial
	varSuccesses  = "successes"       // 2xx responses in the burst (checks and expectations)
	varIdemKey    = "idempotency_key" // the key used in --idempotency-key mode
	maxExpandSize = 8 << 20
)

// templateVars lists the variable names referenced in s.
func templateVars(s string) []string {
	var names []string
	for _, m := range varRef.FindAllStringSubmatch(s, -1) {
		names = append(names, m[1])
	}
	return names
}

// expand replaces every {{name}} in s with its value. A reference to an
// undefined variable is an error, so that typos do not go out on the wire.
func expand(s string, vars map[string]string) (string, error) {
	if !strings.Contains(s, "{{") {
		return s, nil
	}
	var missing []string
	out := varRef.ReplaceAllStringFunc(s, func(ref string) string {
		name := varRef.FindStringSubmatch(ref)[1]
		v, ok := vars[name]
		if !ok {
			missing = append(missing, name)
			return ref
		}
		return v
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("undefined variable {{%s}}", missing[0])
	}
	if len(out) > maxExpandSize {
		return "", fmt.Errorf("expanded text is larger than %d bytes", maxExpandSize)
	}
	return out, nil
}

// checkVars reports the first variable referenced in s that is not in known.
func checkVars(s string, known map[string]bool) error {
	for _, name := range templateVars(s) {
		if !known[name] {
			return fmt.Errorf("undefined variable {{%s}} (defined: %s)", name, knownList(known))
		}
	}
	return nil
}

func knownList(known map[string]bool) string {
	names := make([]string, 0, len(known))
	for k := range known {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// builtinVars returns the names defined for every request of a run.
func builtinVars() map[string]bool {
	return map[string]bool{varN: true, varTrial: true, varIndex: true, varRandom: true, varIdemKey: true}
}

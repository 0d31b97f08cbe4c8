package report

import (
	"strconv"

	"github.com/racecheck/racecheck/internal/analysis"
)

// DocsBaseURL is where the repository's files are browsed; a rule's
// documentation is DocsBaseURL + its path in the repository (RuleInfo.Doc).
const DocsBaseURL = "https://github.com/racecheck/racecheck/blob/main/"

// RuleInfo is what code-scanning services are told about a rule beyond its
// documentation: where the documentation lives, what kind of problem it
// finds, and whether it is a security race.
type RuleInfo struct {
	// Doc is the path of the rule's Markdown documentation in the
	// repository.
	Doc string
	// Kind is "correctness", "reliability", "performance" or
	// "maintainability": the main tag after "concurrency".
	Kind string
	// Security marks a race that a client can win on purpose, by sending
	// concurrent requests, to get something it should not (spend a
	// balance twice, pass a check twice, swap a file between a check and
	// its use). Such rules are tagged "security", so that code scanning
	// lists them as security alerts.
	Security bool
	// CWE are the Common Weakness Enumeration ids the rule's findings are
	// instances of.
	CWE []int
}

const (
	cweRace           = 362 // concurrent execution using a shared resource with improper synchronisation
	cweTOCTOU         = 367 // time-of-check time-of-use race condition
	cweTempFile       = 377 // insecure temporary file
	cweLocking        = 667 // improper locking
	cweUncheckedError = 755 // improper handling of exceptional conditions
	cweDeadlock       = 833 // deadlock
	cweUnchecked      = 252 // unchecked return value
)

func ruleDoc(id string) string     { return "internal/rules/docs/" + id + ".md" }
func suppressDoc(id string) string { return "internal/suppress/docs/" + id + ".md" }

// ruleInfos describes every rule racecheck ships; TestRuleInfoCoversEveryRule
// keeps it complete.
var ruleInfos = map[string]RuleInfo{
	"advisory-lock-connection":       {Doc: ruleDoc("advisory-lock-connection"), Kind: "correctness", Security: true, CWE: []int{cweRace, cweLocking}},
	"async-init-race":                {Doc: ruleDoc("async-init-race"), Kind: "correctness", CWE: []int{cweRace}},
	"async-iteration-callback":       {Doc: ruleDoc("async-iteration-callback"), Kind: "reliability", CWE: []int{cweUncheckedError}},
	"async-promise-executor":         {Doc: ruleDoc("async-promise-executor"), Kind: "reliability", CWE: []int{cweUncheckedError}},
	"callback-in-async":              {Doc: ruleDoc("callback-in-async"), Kind: "reliability", CWE: []int{cweUncheckedError}},
	"check-then-act":                 {Doc: ruleDoc("check-then-act"), Kind: "correctness", Security: true, CWE: []int{cweRace, cweTOCTOU}},
	"dedup-marker-before-effect":     {Doc: ruleDoc("dedup-marker-before-effect"), Kind: "reliability", CWE: []int{cweRace}},
	"find-or-create-race":            {Doc: ruleDoc("find-or-create-race"), Kind: "correctness", CWE: []int{cweRace, cweTOCTOU}},
	"floating-promise":               {Doc: ruleDoc("floating-promise"), Kind: "reliability", CWE: []int{cweUncheckedError}},
	"for-update-outside-transaction": {Doc: ruleDoc("for-update-outside-transaction"), Kind: "correctness", Security: true, CWE: []int{cweRace, cweLocking}},
	"fs-check-then-use":              {Doc: ruleDoc("fs-check-then-use"), Kind: "correctness", Security: true, CWE: []int{cweTOCTOU}},
	"idempotency-key-per-attempt":    {Doc: ruleDoc("idempotency-key-per-attempt"), Kind: "correctness", CWE: []int{cweRace}},
	"idempotency-race":               {Doc: ruleDoc("idempotency-race"), Kind: "correctness", Security: true, CWE: []int{cweRace, cweTOCTOU}},
	"in-process-once":                {Doc: ruleDoc("in-process-once"), Kind: "correctness", CWE: []int{cweRace}},
	"lock-order":                     {Doc: ruleDoc("lock-order"), Kind: "reliability", CWE: []int{cweDeadlock}},
	"promise-callback-bridge":        {Doc: ruleDoc("promise-callback-bridge"), Kind: "reliability", CWE: []int{cweUncheckedError}},
	"redis-counter-ttl":              {Doc: ruleDoc("redis-counter-ttl"), Kind: "reliability", CWE: []int{cweRace}},
	"redis-lock-unsafe-extend":       {Doc: ruleDoc("redis-lock-unsafe-extend"), Kind: "correctness", CWE: []int{cweRace, cweLocking}},
	"redis-lock-unsafe-release":      {Doc: ruleDoc("redis-lock-unsafe-release"), Kind: "correctness", CWE: []int{cweRace, cweLocking}},
	"redis-lock-without-ttl":         {Doc: ruleDoc("redis-lock-without-ttl"), Kind: "reliability", CWE: []int{cweLocking, cweDeadlock}},
	"redlock-unchecked-abort":        {Doc: ruleDoc("redlock-unchecked-abort"), Kind: "correctness", CWE: []int{cweLocking}},
	"sequential-awaits":              {Doc: ruleDoc("sequential-awaits"), Kind: "performance"},
	"shared-state-across-await":      {Doc: ruleDoc("shared-state-across-await"), Kind: "correctness", CWE: []int{cweRace}},
	"shared-temp-path":               {Doc: ruleDoc("shared-temp-path"), Kind: "correctness", Security: true, CWE: []int{cweRace, cweTempFile}},
	"unchecked-optimistic-update":    {Doc: ruleDoc("unchecked-optimistic-update"), Kind: "correctness", CWE: []int{cweRace, cweUnchecked}},
	"unguarded-promise-all":          {Doc: ruleDoc("unguarded-promise-all"), Kind: "correctness", CWE: []int{cweRace}},
	"webhook-without-dedup":          {Doc: ruleDoc("webhook-without-dedup"), Kind: "correctness", CWE: []int{cweRace}},
	"invalid-suppression":            {Doc: suppressDoc("invalid-suppression"), Kind: "maintainability"},
	"unused-suppression":             {Doc: suppressDoc("unused-suppression"), Kind: "maintainability"},
}

// Info returns what is known of a rule for code scanning; a rule racecheck
// does not ship has no documentation path and the "correctness" kind.
func Info(id string) RuleInfo {
	if info, ok := ruleInfos[id]; ok {
		return info
	}
	return RuleInfo{Kind: "correctness"}
}

// HelpURI is the address of a rule's documentation, "" for a rule racecheck
// does not ship.
func HelpURI(id string) string {
	if doc := Info(id).Doc; doc != "" {
		return DocsBaseURL + doc
	}
	return ""
}

// SecuritySeverity is the CVSS-like score (0.0 to 10.0, as a string) that
// code scanning ranks an alert by, from the rule's configured severity:
// high 7.5 (GitHub's "high" band, 7.0 to 8.9), medium 5.0 ("medium", 4.0 to
// 6.9), low 2.0 ("low", 0.1 to 3.9).
func SecuritySeverity(s analysis.Severity) string {
	switch s {
	case analysis.High:
		return "7.5"
	case analysis.Medium:
		return "5.0"
	}
	return "2.0"
}

// Tags are the rule's code-scanning tags: "concurrency" (but for
// maintainability rules, about racecheck's own comments), its kind,
// "security" for a security race, and one "external/cwe/cwe-N" per CWE.
func (ri RuleInfo) Tags() []string {
	var tags []string
	if ri.Kind != "maintainability" {
		tags = append(tags, "concurrency")
	}
	tags = append(tags, ri.Kind)
	if ri.Security {
		tags = append(tags, "security")
	}
	for _, n := range ri.CWE {
		tags = append(tags, "external/cwe/cwe-"+strconv.Itoa(n))
	}
	return tags
}

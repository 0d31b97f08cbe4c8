package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
)

// InformationURI is racecheck's home page.
const InformationURI = "https://github.com/racecheck/racecheck"

// FingerprintKey names racecheck's entry in SARIF partialFingerprints.
const FingerprintKey = "racecheck/v1"

const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// The SARIF 2.1.0 objects racecheck writes; field names follow the
// specification (OASIS SARIF v2.1.0, section 3).
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                        `json:"tool"`
		Invocations        []sarifInvocation                `json:"invocations"`
		OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
		ColumnKind         string                           `json:"columnKind"`
		Results            []sarifResult                    `json:"results"`
		Properties         map[string]any                   `json:"properties,omitempty"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name            string            `json:"name"`
		Version         string            `json:"version,omitempty"`
		SemanticVersion string            `json:"semanticVersion,omitempty"`
		InformationURI  string            `json:"informationUri"`
		Rules           []sarifDescriptor `json:"rules"`
	}
	sarifDescriptor struct {
		ID                   string          `json:"id"`
		Name                 string          `json:"name"`
		ShortDescription     sarifText       `json:"shortDescription"`
		FullDescription      sarifText       `json:"fullDescription"`
		Help                 *sarifText      `json:"help,omitempty"`
		HelpURI              string          `json:"helpUri,omitempty"`
		DefaultConfiguration sarifRuleConfig `json:"defaultConfiguration"`
		Properties           sarifRuleProps  `json:"properties"`
	}
	sarifText struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	sarifRuleConfig struct {
		Level string `json:"level"`
	}
	sarifRuleProps struct {
		Tags             []string `json:"tags"`
		Precision        string   `json:"precision"`
		ProblemSeverity  string   `json:"problem.severity"`
		RacecheckDefault string   `json:"racecheck.severity"`
		SecuritySeverity string   `json:"security-severity"`
	}
	sarifInvocation struct {
		ExecutionSuccessful bool                `json:"executionSuccessful"`
		Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
	}
	sarifNotification struct {
		Level     string          `json:"level"`
		Message   sarifMessage    `json:"message"`
		Locations []sarifLocation `json:"locations,omitempty"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifMessage      `json:"message"`
		Locations           []sarifLocation   `json:"locations"`
		RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		BaselineState       string            `json:"baselineState,omitempty"`
		Properties          map[string]any    `json:"properties,omitempty"`
	}
	sarifLocation struct {
		ID               *int                   `json:"id,omitempty"`
		PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
		Message          *sarifMessage          `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           *sarifRegion          `json:"region,omitempty"`
	}
	sarifArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
)

// SARIF writes the report as a SARIF 2.1.0 log with one run. Columns are
// UTF-16 code units, as the format's default columnKind says. Each result
// carries a partial fingerprint (FingerprintKey) made of the file, the rule
// and the code around the primary line, plus an occurrence index, so that
// code-scanning services keep tracking an alert across unrelated edits.
// Each rule carries its documentation's address (helpUri), code-scanning
// tags and a security-severity (RuleInfo, SecuritySeverity). Files under
// %SRCROOT% (the repository's top, else the working directory) are given
// relative to it; only files outside it get file: URIs.
func SARIF(w io.Writer, r *engine.Result, o Options) error {
	rules := rulesOf(r, o)
	index := map[string]int{}
	driver := sarifDriver{
		Name:           "racecheck",
		Version:        o.Version,
		InformationURI: InformationURI,
		Rules:          []sarifDescriptor{},
	}
	if v := strings.TrimPrefix(o.Version, "v"); semver.MatchString(v) {
		driver.SemanticVersion = v
	}
	for _, rule := range rules {
		if _, dup := index[rule.ID]; dup {
			continue
		}
		index[rule.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, descriptor(rule))
	}
	for _, f := range r.Findings {
		if _, ok := index[f.Rule]; !ok {
			index[f.Rule] = len(driver.Rules)
			driver.Rules = append(driver.Rules, descriptor(&analysis.Rule{ID: f.Rule, Severity: f.Severity, Title: f.Rule}))
		}
	}

	run := sarifRun{
		Tool:        sarifTool{Driver: driver},
		Invocations: []sarifInvocation{{ExecutionSuccessful: !r.InternalError()}},
		ColumnKind:  "utf16CodeUnits",
		Results:     []sarifResult{},
	}
	art := newLocator(o.Root, o.RepoRoot)
	if art.base != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{"%SRCROOT%": {URI: fileURI(art.base + "/")}}
	}
	for _, e := range r.Errors {
		level := "warning"
		if e.Internal {
			level = "error"
		}
		n := sarifNotification{Level: level, Message: sarifMessage{Text: e.Message}}
		if e.File != "" {
			n.Locations = []sarifLocation{{PhysicalLocation: &sarifPhysicalLocation{ArtifactLocation: art.artifact(e.File)}}}
		}
		run.Invocations[0].Notifications = append(run.Invocations[0].Notifications, n)
	}

	occurrences := map[string]int{}
	for _, f := range r.Findings {
		loc := art.artifact(f.File)
		hash := ContextHash(f.Rule, r.Sources[f.File], f.Line)
		sum := sha256.Sum256([]byte(loc.URIBaseID + "\x00" + loc.URI + "\x00" + hash))
		fp := hex.EncodeToString(sum[:8])
		occurrences[fp]++
		res := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: index[f.Rule],
			Level:     level(f.Severity),
			Message:   sarifMessage{Text: resultText(f)},
			Locations: []sarifLocation{{PhysicalLocation: &sarifPhysicalLocation{
				ArtifactLocation: loc,
				Region:           region(f),
			}}},
			PartialFingerprints: map[string]string{FingerprintKey: fp + ":" + strconv.Itoa(occurrences[fp])},
		}
		for i, rel := range f.Related {
			id := i + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID: &id,
				PhysicalLocation: &sarifPhysicalLocation{
					ArtifactLocation: art.artifact(rel.File),
					Region:           &sarifRegion{StartLine: max(rel.Line, 1), StartColumn: max(rel.Column, 1)},
				},
				Message: &sarifMessage{Text: rel.Message},
			})
		}
		if f.Route != nil {
			res.Properties = map[string]any{"route": f.Route}
		}
		if o.Baseline != nil {
			res.BaselineState = "new"
		}
		run.Results = append(run.Results, res)
	}
	props := map[string]any{"filesScanned": r.Files}
	if o.Suppressed > 0 {
		props["suppressed"] = o.Suppressed
	}
	if b := o.Baseline; b != nil {
		props["baseline"] = map[string]any{"file": b.File, "accepted": b.Accepted, "fixed": b.Fixed}
	}
	run.Properties = props

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

var semver = regexp.MustCompile(`^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$`)

func descriptor(r *analysis.Rule) sarifDescriptor {
	info := Info(r.ID)
	d := sarifDescriptor{
		ID:                   r.ID,
		Name:                 pascal(r.ID),
		ShortDescription:     sarifText{Text: r.Title},
		FullDescription:      sarifText{Text: whatItFinds(r)},
		HelpURI:              HelpURI(r.ID),
		DefaultConfiguration: sarifRuleConfig{Level: level(r.Severity)},
		Properties: sarifRuleProps{
			Tags:             info.Tags(),
			Precision:        "high",
			ProblemSeverity:  problemSeverity(r.Severity),
			RacecheckDefault: r.Severity.String(),
			SecuritySeverity: SecuritySeverity(r.Severity),
		},
	}
	if r.Doc != "" {
		d.Help = &sarifText{Text: r.Doc, Markdown: r.Doc}
	} else {
		d.Help = &sarifText{Text: r.Title}
	}
	return d
}

// whatItFinds is the rule's "What it finds" section as one line of plain
// text, or its title when the documentation has no such section.
func whatItFinds(r *analysis.Rule) string {
	_, doc, ok := strings.Cut(r.Doc, "## What it finds")
	if !ok {
		return r.Title
	}
	if i := strings.Index(doc, "\n#"); i >= 0 {
		doc = doc[:i]
	}
	var parts []string
	for _, line := range strings.Split(doc, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "```") {
			continue
		}
		if line != "" {
			parts = append(parts, line)
		}
	}
	text := strings.NewReplacer("`", "", "**", "").Replace(strings.Join(parts, " "))
	if text == "" {
		return r.Title
	}
	if len(text) > 1000 {
		text = text[:strings.LastIndex(text[:1000], " ")] + " …"
	}
	return text
}

func pascal(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

func level(s analysis.Severity) string {
	switch s {
	case analysis.High:
		return "error"
	case analysis.Medium:
		return "warning"
	}
	return "note"
}

func problemSeverity(s analysis.Severity) string {
	switch s {
	case analysis.High:
		return "error"
	case analysis.Medium:
		return "warning"
	}
	return "recommendation"
}

func resultText(f analysis.Finding) string {
	if f.Fix == "" {
		return f.Message
	}
	return f.Message + "\n\nFix: " + f.Fix
}

func region(f analysis.Finding) *sarifRegion {
	reg := &sarifRegion{StartLine: max(f.Line, 1), StartColumn: max(f.Column, 1)}
	if f.EndLine >= reg.StartLine && f.EndColumn >= 1 && (f.EndLine > reg.StartLine || f.EndColumn >= reg.StartColumn) {
		reg.EndLine, reg.EndColumn = f.EndLine, f.EndColumn
	}
	return reg
}

// locator turns the report's file paths into artifact locations.
type locator struct {
	root string // what relative paths are relative to ("" unknown)
	base string // %SRCROOT%: the repository's top, else root
}

func newLocator(root, repoRoot string) locator {
	l := locator{root: cleanDir(root), base: cleanDir(root)}
	if r := cleanDir(repoRoot); r != "" && (l.root == "" || l.root == r || strings.HasPrefix(l.root, r+"/")) {
		l.base = r
	}
	return l
}

func cleanDir(dir string) string {
	if dir == "" {
		return ""
	}
	d := path.Clean(strings.ReplaceAll(dir, `\`, "/"))
	if d == "/" {
		return ""
	}
	return d
}

// artifact locates a file: relative to %SRCROOT% when it lies under it
// (or when nothing says where relative paths start), else as a file: URI.
func (l locator) artifact(file string) sarifArtifactLocation {
	p := strings.ReplaceAll(file, `\`, "/")
	abs := isAbs(p)
	full := p
	if !abs && l.root != "" {
		full, abs = path.Join(l.root, p), true
	}
	if l.base != "" && abs && strings.HasPrefix(full, l.base+"/") {
		return sarifArtifactLocation{URI: escapePath(strings.TrimPrefix(full, l.base+"/")), URIBaseID: "%SRCROOT%"}
	}
	if abs {
		return sarifArtifactLocation{URI: fileURI(full)}
	}
	return sarifArtifactLocation{URI: escapePath(path.Clean(p)), URIBaseID: "%SRCROOT%"}
}

func isAbs(p string) bool {
	return strings.HasPrefix(p, "/") || len(p) > 2 && p[1] == ':' && p[2] == '/'
}

func fileURI(abs string) string {
	if !strings.HasPrefix(abs, "/") {
		abs = "/" + abs // a Windows drive path
	}
	return "file://" + escapePath(abs)
}

// escapePath percent-encodes each segment of a slash-separated path.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

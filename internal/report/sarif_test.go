package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/racecheck/racecheck/internal/analysis"
	"github.com/racecheck/racecheck/internal/engine"
	"github.com/racecheck/racecheck/internal/parse"
	"github.com/racecheck/racecheck/internal/syntax"
)

// The structural part of the SARIF 2.1.0 schema for the objects racecheck
// writes: for each object, its allowed properties (the schema sets
// additionalProperties to false on all of them), their types and the
// required ones. Property bags ("properties") may hold anything but "tags",
// which must be an array of distinct strings.
type sarifProp struct {
	kind string // "string", "integer", "boolean", "number", "object", "array", "map", "bag", or an object name
	elem string // element kind for arrays and maps
	min  *int   // minimum for integers
	enum []string
	uri  string // "uri" or "uri-reference"
}

type sarifObject struct {
	props    map[string]sarifProp
	required []string
}

func intp(n int) *int { return &n }

var levels = []string{"none", "note", "warning", "error"}

var sarifSchemaObjects = map[string]sarifObject{
	"log": {required: []string{"version", "runs"}, props: map[string]sarifProp{
		"$schema": {kind: "string", uri: "uri"}, "version": {kind: "string", enum: []string{"2.1.0"}},
		"runs": {kind: "array", elem: "run"}, "properties": {kind: "bag"},
	}},
	"run": {required: []string{"tool"}, props: map[string]sarifProp{
		"tool": {kind: "tool"}, "invocations": {kind: "array", elem: "invocation"},
		"originalUriBaseIds": {kind: "map", elem: "artifactLocation"},
		"columnKind":         {kind: "string", enum: []string{"utf16CodeUnits", "unicodeCodePoints"}},
		"results":            {kind: "array", elem: "result"}, "properties": {kind: "bag"},
	}},
	"tool": {required: []string{"driver"}, props: map[string]sarifProp{
		"driver": {kind: "toolComponent"}, "properties": {kind: "bag"},
	}},
	"toolComponent": {required: []string{"name"}, props: map[string]sarifProp{
		"name": {kind: "string"}, "version": {kind: "string"}, "semanticVersion": {kind: "string"},
		"informationUri": {kind: "string", uri: "uri"}, "rules": {kind: "array", elem: "reportingDescriptor"},
		"properties": {kind: "bag"},
	}},
	"reportingDescriptor": {required: []string{"id"}, props: map[string]sarifProp{
		"id": {kind: "string"}, "name": {kind: "string"},
		"shortDescription": {kind: "multiformatMessageString"}, "fullDescription": {kind: "multiformatMessageString"},
		"help": {kind: "multiformatMessageString"}, "helpUri": {kind: "string", uri: "uri"},
		"defaultConfiguration": {kind: "reportingConfiguration"}, "properties": {kind: "bag"},
	}},
	"reportingConfiguration": {props: map[string]sarifProp{
		"enabled": {kind: "boolean"}, "level": {kind: "string", enum: levels}, "rank": {kind: "number"},
		"parameters": {kind: "bag"}, "properties": {kind: "bag"},
	}},
	"multiformatMessageString": {required: []string{"text"}, props: map[string]sarifProp{
		"text": {kind: "string"}, "markdown": {kind: "string"}, "properties": {kind: "bag"},
	}},
	"message": {required: []string{"text"}, props: map[string]sarifProp{
		"text": {kind: "string"}, "markdown": {kind: "string"}, "id": {kind: "string"},
		"arguments": {kind: "array", elem: "string"}, "properties": {kind: "bag"},
	}},
	"invocation": {required: []string{"executionSuccessful"}, props: map[string]sarifProp{
		"executionSuccessful":        {kind: "boolean"},
		"toolExecutionNotifications": {kind: "array", elem: "notification"},
		"properties":                 {kind: "bag"},
	}},
	"notification": {required: []string{"message"}, props: map[string]sarifProp{
		"message": {kind: "message"}, "level": {kind: "string", enum: levels},
		"locations": {kind: "array", elem: "location"}, "properties": {kind: "bag"},
	}},
	"result": {required: []string{"message"}, props: map[string]sarifProp{
		"ruleId": {kind: "string"}, "ruleIndex": {kind: "integer", min: intp(-1)},
		"level": {kind: "string", enum: levels}, "message": {kind: "message"},
		"locations": {kind: "array", elem: "location"}, "relatedLocations": {kind: "array", elem: "location"},
		"partialFingerprints": {kind: "map", elem: "string"}, "fingerprints": {kind: "map", elem: "string"},
		"baselineState": {kind: "string", enum: []string{"new", "unchanged", "updated", "absent"}},
		"properties":    {kind: "bag"},
	}},
	"location": {props: map[string]sarifProp{
		"id": {kind: "integer", min: intp(-1)}, "physicalLocation": {kind: "physicalLocation"},
		"message": {kind: "message"}, "properties": {kind: "bag"},
	}},
	"physicalLocation": {props: map[string]sarifProp{
		"artifactLocation": {kind: "artifactLocation"}, "region": {kind: "region"},
		"contextRegion": {kind: "region"}, "properties": {kind: "bag"},
	}},
	"artifactLocation": {props: map[string]sarifProp{
		"uri": {kind: "string", uri: "uri-reference"}, "uriBaseId": {kind: "string"},
		"index": {kind: "integer", min: intp(-1)}, "properties": {kind: "bag"},
	}},
	"region": {props: map[string]sarifProp{
		"startLine": {kind: "integer", min: intp(1)}, "startColumn": {kind: "integer", min: intp(1)},
		"endLine": {kind: "integer", min: intp(1)}, "endColumn": {kind: "integer", min: intp(1)},
		"charOffset": {kind: "integer", min: intp(-1)}, "charLength": {kind: "integer", min: intp(0)},
		"message": {kind: "message"}, "properties": {kind: "bag"},
	}},
}

// validateSARIF checks a document against sarifSchemaObjects and the
// cross-references the schema cannot express (ruleIndex, region order,
// relatedLocations ids, uriBaseIds). It returns every problem found.
func validateSARIF(doc any) []string {
	var problems []string
	bad := func(path, format string, args ...any) {
		problems = append(problems, path+": "+fmt.Sprintf(format, args...))
	}
	var check func(path string, v any, kind, elem string, p sarifProp)
	checkObject := func(path string, v any, name string) {
		obj, ok := v.(map[string]any)
		if !ok {
			bad(path, "want a %s object, have %T", name, v)
			return
		}
		def := sarifSchemaObjects[name]
		for _, r := range def.required {
			if _, ok := obj[r]; !ok {
				bad(path, "%s lacks required property %q", name, r)
			}
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			p, ok := def.props[k]
			if !ok {
				bad(path, "%s has no property %q (additionalProperties is false)", name, k)
				continue
			}
			check(path+"."+k, obj[k], p.kind, p.elem, p)
		}
	}
	check = func(path string, v any, kind, elem string, p sarifProp) {
		switch kind {
		case "string":
			s, ok := v.(string)
			if !ok {
				bad(path, "want a string, have %T", v)
				return
			}
			if p.enum != nil && !contains(p.enum, s) {
				bad(path, "%q is not one of %v", s, p.enum)
			}
			if p.uri != "" {
				u, err := url.Parse(s)
				switch {
				case err != nil:
					bad(path, "%q is not a URI: %v", s, err)
				case p.uri == "uri" && !u.IsAbs():
					bad(path, "%q is not an absolute URI", s)
				case strings.ContainsAny(s, " \\\t\n"):
					bad(path, "%q has characters a URI may not hold", s)
				case p.uri == "uri-reference" && !u.IsAbs() && strings.Contains(strings.Split(s, "/")[0], ":"):
					bad(path, "relative reference %q has a colon in its first segment", s)
				}
			}
		case "integer":
			f, ok := v.(float64)
			if !ok || f != float64(int64(f)) {
				bad(path, "want an integer, have %v", v)
				return
			}
			if p.min != nil && int(f) < *p.min {
				bad(path, "%v is below the minimum %d", f, *p.min)
			}
		case "number":
			if _, ok := v.(float64); !ok {
				bad(path, "want a number, have %T", v)
			}
		case "boolean":
			if _, ok := v.(bool); !ok {
				bad(path, "want a boolean, have %T", v)
			}
		case "array":
			arr, ok := v.([]any)
			if !ok {
				bad(path, "want an array, have %T", v)
				return
			}
			for i, e := range arr {
				check(fmt.Sprintf("%s[%d]", path, i), e, elem, "", sarifProp{})
			}
		case "map":
			m, ok := v.(map[string]any)
			if !ok {
				bad(path, "want an object, have %T", v)
				return
			}
			for k, e := range m {
				check(path+"."+k, e, elem, "", sarifProp{})
			}
		case "bag":
			m, ok := v.(map[string]any)
			if !ok {
				bad(path, "want a property bag, have %T", v)
				return
			}
			if tags, ok := m["tags"]; ok {
				arr, ok := tags.([]any)
				seen := map[any]bool{}
				for _, t := range arr {
					if _, isStr := t.(string); !isStr || seen[t] {
						ok = false
					}
					seen[t] = true
				}
				if !ok {
					bad(path+".tags", "want an array of distinct strings")
				}
			}
		default:
			checkObject(path, v, kind)
		}
	}
	checkObject("$", doc, "log")
	if len(problems) > 0 {
		return problems
	}

	// Cross-references.
	for ri, run := range doc.(map[string]any)["runs"].([]any) {
		run := run.(map[string]any)
		rp := fmt.Sprintf("$.runs[%d]", ri)
		driver := run["tool"].(map[string]any)["driver"].(map[string]any)
		rules, _ := driver["rules"].([]any)
		ids := map[string]bool{}
		for i, r := range rules {
			id := r.(map[string]any)["id"].(string)
			if ids[id] {
				bad(fmt.Sprintf("%s.tool.driver.rules[%d]", rp, i), "duplicate rule id %q", id)
			}
			ids[id] = true
		}
		bases, _ := run["originalUriBaseIds"].(map[string]any)
		checkLoc := func(path string, loc map[string]any) {
			pl, ok := loc["physicalLocation"].(map[string]any)
			if !ok {
				return
			}
			if al, ok := pl["artifactLocation"].(map[string]any); ok {
				if base, ok := al["uriBaseId"].(string); ok && bases != nil && bases[base] == nil {
					bad(path, "uriBaseId %q is not in originalUriBaseIds", base)
				}
			}
			if reg, ok := pl["region"].(map[string]any); ok {
				sl, _ := reg["startLine"].(float64)
				if el, ok := reg["endLine"].(float64); ok && el < sl {
					bad(path, "endLine %v before startLine %v", el, sl)
				}
				if el, ok := reg["endLine"].(float64); ok && el == sl {
					sc, _ := reg["startColumn"].(float64)
					if ec, ok := reg["endColumn"].(float64); ok && ec < sc {
						bad(path, "endColumn %v before startColumn %v", ec, sc)
					}
				}
			}
		}
		results, _ := run["results"].([]any)
		for i, r := range results {
			res := r.(map[string]any)
			path := fmt.Sprintf("%s.results[%d]", rp, i)
			if idx, ok := res["ruleIndex"].(float64); ok {
				if int(idx) >= len(rules) {
					bad(path, "ruleIndex %v out of range", idx)
				} else if id, _ := res["ruleId"].(string); rules[int(idx)].(map[string]any)["id"] != id {
					bad(path, "ruleIndex %v names %v, not ruleId %q", idx, rules[int(idx)].(map[string]any)["id"], id)
				}
			}
			locs, _ := res["locations"].([]any)
			if len(locs) == 0 {
				bad(path, "no primary location")
			}
			for j, l := range locs {
				checkLoc(fmt.Sprintf("%s.locations[%d]", path, j), l.(map[string]any))
			}
			rel, _ := res["relatedLocations"].([]any)
			seenIDs := map[float64]bool{}
			for j, l := range rel {
				loc := l.(map[string]any)
				lp := fmt.Sprintf("%s.relatedLocations[%d]", path, j)
				id, ok := loc["id"].(float64)
				if !ok || seenIDs[id] {
					bad(lp, "related location without a distinct id")
				}
				seenIDs[id] = true
				checkLoc(lp, loc)
			}
			if fp, _ := res["partialFingerprints"].(map[string]any); len(fp) == 0 {
				bad(path, "no partialFingerprints")
			}
		}
	}
	return problems
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestSARIFSchema(t *testing.T) {
	res, opts := goldenResult(t)
	var buf bytes.Buffer
	if err := SARIF(&buf, res, opts); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range validateSARIF(doc) {
		t.Error(p)
	}
	// Also without a root, rules, baseline or anything else optional.
	buf.Reset()
	if err := SARIF(&buf, &engine.Result{}, Options{}); err != nil {
		t.Fatal(err)
	}
	doc = nil
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range validateSARIF(doc) {
		t.Error("empty run: " + p)
	}
}

// TestSARIFValidatorCatches makes sure the validator is not vacuous.
func TestSARIFValidatorCatches(t *testing.T) {
	for _, tc := range []struct{ doc, want string }{
		{`{"runs": []}`, `lacks required property "version"`},
		{`{"version": "2.0.0", "runs": []}`, `is not one of`},
		{`{"version": "2.1.0", "runs": [{}]}`, `run lacks required property "tool"`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a", "level": "error"}]}}}]}`, `reportingDescriptor has no property "level"`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "high"}]}]}`, `"high" is not one of`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}`, `below the minimum 1`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "a"}]}}, "results": [{"ruleId": "b", "ruleIndex": 0, "message": {"text": "m"}, "locations": [{}], "partialFingerprints": {"k": "v"}}]}]}`, `not ruleId "b"`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b.js"}}}]}]}]}`, `characters a URI may not hold`},
		{`{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{}], "partialFingerprints": {"k": 1}}]}]}`, `want a string`},
	} {
		var doc any
		if err := json.Unmarshal([]byte(tc.doc), &doc); err != nil {
			t.Fatal(err)
		}
		got := strings.Join(validateSARIF(doc), "\n")
		if !strings.Contains(got, tc.want) {
			t.Errorf("%s:\n  problems %q\n  want one containing %q", tc.doc, got, tc.want)
		}
	}
}

// TestSARIFColumns checks that columns are UTF-16 code units, 1-based, with
// non-BMP characters (two units each) and tabs (one unit) before the
// finding, and that odd paths become valid URIs.
func TestSARIFColumns(t *testing.T) {
	lines := []string{
		"\tconst a = \"😀😀\"; go(1);",
		"const é = '𝒳'; go(2);",
		"\t\t/* ü */ go(3);",
	}
	src := strings.Join(lines, "\n") + "\n"
	p := parse.NewParser()
	defer p.Close()
	tree, err := p.Parse(src, parse.JavaScript)
	if err != nil {
		t.Fatal(err)
	}
	rule := &analysis.Rule{ID: "go-call", Severity: analysis.Low, Title: "go"}
	res := &engine.Result{Sources: map[string]*syntax.Tree{}}
	files := []string{"dir with space/a#b:c.js", "/abs/path/ünï.js", "plain.js"}
	for i, line := range lines {
		col := strings.Index(line, "go(")
		wantCol := len(utf16.Encode([]rune(line[:col]))) + 1
		wantEnd := len(utf16.Encode([]rune(line[:col+len("go(1)")]))) + 1
		var call syntax.Node
		tree.Root().Walk(func(n syntax.Node) bool {
			if n.Is(syntax.KCallExpression) && n.Line() == i+1 {
				call = n
			}
			return call.IsNil()
		})
		l, c := tree.Position(call.Start())
		el, ec := tree.Position(call.End())
		if l != i+1 || c != wantCol || el != i+1 || ec != wantEnd {
			t.Fatalf("line %d: position %d:%d-%d:%d, want %d:%d-%d:%d", i+1, l, c, el, ec, i+1, wantCol, i+1, wantEnd)
		}
		res.Findings = append(res.Findings, analysis.Finding{Rule: rule.ID, Severity: rule.Severity, File: files[i], Line: l, Column: c, EndLine: el, EndColumn: ec, Message: "m"})
		res.Sources[files[i]] = tree
	}
	var buf bytes.Buffer
	if err := SARIF(&buf, res, Options{Rules: []*analysis.Rule{rule}, Root: "/work/my project"}); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, p := range validateSARIF(doc) {
		t.Error(p)
	}
	var log struct {
		Runs []struct {
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Results            []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct{ StartColumn, EndColumn int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if got := run.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///work/my%20project/" {
		t.Errorf("%%SRCROOT%% = %q", got)
	}
	wantURIs := []string{"dir%20with%20space/a%23b%3Ac.js", "file:///abs/path/%C3%BCn%C3%AF.js", "plain.js"}
	for i, r := range run.Results {
		pl := r.Locations[0].PhysicalLocation
		if pl.ArtifactLocation.URI != wantURIs[i] {
			t.Errorf("uri %q, want %q", pl.ArtifactLocation.URI, wantURIs[i])
		}
		if (pl.ArtifactLocation.URIBaseID == "") != strings.HasPrefix(wantURIs[i], "file:") {
			t.Errorf("uri %q with uriBaseId %q", pl.ArtifactLocation.URI, pl.ArtifactLocation.URIBaseID)
		}
		f := res.Findings[i]
		if pl.Region.StartColumn != f.Column || pl.Region.EndColumn != f.EndColumn {
			t.Errorf("result %d: columns %d-%d, want %d-%d", i, pl.Region.StartColumn, pl.Region.EndColumn, f.Column, f.EndColumn)
		}
	}
}

// TestFingerprintStability: edits elsewhere in the file (lines added above,
// re-indentation) keep a finding's fingerprint; editing its line changes it;
// identical lines get distinct occurrence indexes.
func TestFingerprintStability(t *testing.T) {
	p := parse.NewParser()
	defer p.Close()
	fp := func(src string, line int) string {
		tree, err := p.Parse(src, parse.JavaScript)
		if err != nil {
			t.Fatal(err)
		}
		return ContextHash("r", tree, line)
	}
	base := "a();\nif (x) {\n  pay(user);\n}\n"
	h := fp(base, 3)
	if got := fp("// header\nimport z from 'z';\n\n"+base, 6); got != h {
		t.Error("lines added above changed the fingerprint")
	}
	if got := fp("a();\nif (x) {\n\n      pay( user );\n\n}\n", 4); got != h {
		t.Error("re-indentation and blank lines changed the fingerprint")
	}
	if got := fp("a();\nif (x) {\n  pay(admin);\n}\n", 3); got == h {
		t.Error("editing the line kept the fingerprint")
	}
	if ContextHash("other-rule", nil, 3) == ContextHash("r", nil, 3) {
		t.Error("the rule is not part of the fingerprint")
	}

	// Identical code around identical lines: the same hash, told apart by
	// the occurrence index.
	src := "go();\ngo();\ngo();\ngo();\ngo();\n"
	tree, _ := p.Parse(src, parse.JavaScript)
	res := &engine.Result{Sources: map[string]*syntax.Tree{"a.js": tree}}
	for _, l := range []int{2, 3, 4} {
		res.Findings = append(res.Findings, analysis.Finding{Rule: "r", Severity: analysis.Low, File: "a.js", Line: l, Column: 1, Message: "m"})
	}
	var buf bytes.Buffer
	if err := SARIF(&buf, res, Options{}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	var fps []string
	for _, r := range log.Runs[0].Results {
		fps = append(fps, r.PartialFingerprints[FingerprintKey])
	}
	hash := strings.Split(fps[0], ":")[0]
	if want := []string{hash + ":1", hash + ":2", hash + ":3"}; strings.Join(fps, " ") != strings.Join(want, " ") {
		t.Errorf("fingerprints %q, want %q", fps, want)
	}
}

// TestSARIFOnARealProject validates the SARIF of a real repository scan when
// one is available (RACECHECK_REAL_REPO or /work/repos/NodeBB).
func TestSARIFOnARealProject(t *testing.T) {
	dir := os.Getenv("RACECHECK_REAL_REPO")
	if dir == "" {
		dir = "/work/repos/NodeBB"
	}
	if _, err := os.Stat(dir); err != nil || testing.Short() {
		t.Skip("no real repository to scan")
	}
	res, err := engine.Run(engine.Options{Paths: []string{filepath.Join(dir, "src")}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := SARIF(&buf, res, Options{Version: "dev", Root: dir}); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	problems := validateSARIF(doc)
	for i, p := range problems {
		if i == 20 {
			t.Errorf("... and %d more", len(problems)-20)
			break
		}
		t.Error(p)
	}
}

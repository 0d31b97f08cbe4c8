package report

import (
	"bytes"
	"context"
	"encoding/json"
	stdhtml "html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// chromium finds a headless-capable Chromium. Without one the browser tests
// skip, except on CI (CI=true), where they fail.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("RACECHECK_CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium found (install Debian's chromium package, or set RACECHECK_CHROMIUM); the HTML report cannot be checked in a browser")
	}
	t.Skip("no Chromium found (apt-get install chromium, or set RACECHECK_CHROMIUM): skipping the in-browser check of the HTML report")
	return ""
}

// headless runs Chromium on url with extra flags and returns its standard
// output.
func headless(t *testing.T, bin, url string, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := append([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir=" + t.TempDir(),
	}, extra...)
	args = append(args, url)
	cmd := exec.CommandContext(ctx, bin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, lastLines(stderr.String(), 20))
	}
	return stdout.String()
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

var articleTag = regexp.MustCompile(`<article [^>]*>`)

type shownFinding struct {
	rule, severity, file string
	hidden               bool
}

func articles(dom string) []shownFinding {
	var out []shownFinding
	attr := func(tag, name string) string {
		m := regexp.MustCompile(` ` + name + `="([^"]*)"`).FindStringSubmatch(tag)
		if m == nil {
			return ""
		}
		return m[1]
	}
	for _, tag := range articleTag.FindAllString(dom, -1) {
		out = append(out, shownFinding{
			rule: attr(tag, "data-rule"), severity: attr(tag, "data-severity"), file: attr(tag, "data-file"),
			hidden: regexp.MustCompile(` hidden(=""|\s|>)`).MatchString(tag),
		})
	}
	return out
}

// controlsScript drives the page's filter controls as a user would (set a
// value, fire the event) and records what is shown and the address, into a
// <pre id="test-results"> element as JSON.
const controlsScript = `<script>
(function () {
  var cases = [
    {severity: "", rule: "", path: ""},
    {severity: "high", rule: "", path: ""},
    {severity: "", rule: "demo-floating", path: ""},
    {severity: "", rule: "demo-legacy", path: "DB.js"},
    {severity: "medium", rule: "", path: "src/app"},
    {severity: "low", rule: "demo-check-then-act", path: ""}
  ];
  var out = [];
  cases.forEach(function (c) {
    var sev = document.getElementById("f-severity"), rule = document.getElementById("f-rule"), path = document.getElementById("f-path");
    sev.value = c.severity; sev.dispatchEvent(new Event("change"));
    rule.value = c.rule; rule.dispatchEvent(new Event("change"));
    path.value = c.path; path.dispatchEvent(new Event("input"));
    var hidden = [];
    document.querySelectorAll("article.finding").forEach(function (a) { hidden.push(a.hidden); });
    out.push({hidden: hidden, shown: document.getElementById("shown").textContent, hash: location.hash,
      noMatch: document.getElementById("no-match").hidden});
  });
  var pre = document.createElement("pre");
  pre.id = "test-results";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>`

// narrowFrame shows a page in a 375 px wide frame (headless Chromium's
// windows are at least 500 px wide) and, once it has loaded, measures the
// page's width against the frame's, names the elements that stick out
// (outside the code frames, which scroll), and counts the code frames that
// scroll, into a <pre id="overflow"> as JSON.
const narrowFrame = `<!DOCTYPE html>
<html><body style="margin:0">
<iframe id="page" src="narrow.html" style="width:375px;height:800px;border:0"></iframe>
<script>
window.addEventListener("load", function () {
  var win = document.getElementById("page").contentWindow, doc = win.document;
  var w = win.innerWidth, wide = [], frames = 0;
  doc.querySelectorAll("body *").forEach(function (el) {
    if (el.closest(".frame, code.line") && !el.matches(".frame, code.line")) return;
    var r = el.getBoundingClientRect();
    if (r.right > w + 0.5) wide.push(el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " " + Math.round(r.right));
  });
  doc.querySelectorAll(".frame").forEach(function (f) { if (f.scrollWidth > f.clientWidth) frames++; });
  var pre = document.createElement("pre");
  pre.id = "overflow";
  pre.textContent = JSON.stringify({scrollWidth: doc.documentElement.scrollWidth, innerWidth: w, frames: frames, wide: wide});
  document.body.appendChild(pre);
});
</script>
</body></html>`

// TestHTMLInBrowser renders the golden fixture's HTML report in headless
// Chromium and checks the page after its script ran: every finding and the
// totals are there, nothing from the code was interpreted as markup, a
// filter given in the address applies on load, the filter controls select
// the right findings and update the address, the header says what was
// scanned, the code is coloured, and at 375 px nothing overflows sideways.
func TestHTMLInBrowser(t *testing.T) {
	bin := chromium(t)
	res, opts := goldenResult(t)
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := HTML(&buf, res, opts); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + filepath.ToSlash(page)

	// 1. The page as written, opened with a filter in the address.
	dom := headless(t, bin, url+"#rule=demo-legacy&path=DB.js", "--dump-dom")
	got := articles(dom)
	if len(got) != len(res.Findings) {
		t.Fatalf("the page has %d findings, want %d:\n%s", len(got), len(res.Findings), lastLines(dom, 30))
	}
	for i, f := range got {
		want := f.rule == "demo-legacy" && strings.HasSuffix(f.file, "db.js")
		if f.hidden == want {
			t.Errorf("finding %d (%s %s %s): hidden=%v with #rule=demo-legacy&path=DB.js", i+1, f.severity, f.rule, f.file, f.hidden)
		}
	}
	if !strings.Contains(dom, `<b id="shown">1</b>`) || !strings.Contains(dom, `data-shown="1"`) {
		t.Error("the script did not count 1 finding shown")
	}
	for _, want := range []string{
		`<span class="n">6</span>findings`,
		`<span class="n">1</span>high`,
		`<span class="n">3</span>medium`,
		`<span class="n">2</span>low`,
		`<tr data-rule="demo-floating">`,
		`1 finding silenced by suppression comments`,
		`&lt;script&gt;alert(1)&lt;/script&gt;`, // source code is text
		`legacy() is &lt;deprecated&gt; &amp; "unsafe" 100%, see: a,b`,
		`<mark>fire(label)</mark>`, // the UTF-16 columns mark the right text
		`did you mean "demo-floating"?`,
		`testdata/golden/src/broken.js`,
		`<option value="demo-legacy">demo-legacy</option>`,
		// What was scanned, and the code coloured.
		`<dt>Scanned</dt><dd><code>testdata/golden/src</code></dd>`,
		`<dt>Commit</dt><dd><code title="0123456789abcdef0123456789abcdef01234567">0123456789ab</code></dd>`,
		`<dt>racecheck</dt><dd>1.2.3</dd>`,
		`<span class="t-k">const</span> label = <span class="t-s">"𝒳𝒴 &lt;script&gt;alert(1)&lt;/script&gt; &amp; \"quotes\""</span>; <mark>fire(label)</mark>`,
		`<span class="t-c">// racecheck-ignore-next-line demo-floating -- fire-and-forget metrics, errors are logged inside</span>`,
		`balance: <span class="t-n">10</span>`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("rendered page lacks %q", want)
		}
	}
	if strings.Contains(dom, "<script>alert(1)") {
		t.Error("source text became markup")
	}

	// 2. The filter controls, driven by a test script added to a copy.
	driven := filepath.Join(dir, "driven.html")
	html := strings.Replace(buf.String(), "</body>", controlsScript+"\n</body>", 1)
	if err := os.WriteFile(driven, []byte(html), 0o644); err != nil {
		t.Fatal(err)
	}
	dom = headless(t, bin, "file://"+filepath.ToSlash(driven), "--dump-dom")
	m := regexp.MustCompile(`<pre id="test-results">([^<]*)</pre>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("the test script left no results:\n%s", lastLines(dom, 20))
	}
	var results []struct {
		Hidden  []bool `json:"hidden"`
		Shown   string `json:"shown"`
		Hash    string `json:"hash"`
		NoMatch bool   `json:"noMatch"`
	}
	if err := json.Unmarshal([]byte(stdhtml.UnescapeString(m[1])), &results); err != nil {
		t.Fatal(err)
	}
	type want struct {
		hash  string
		shown func(rule, sev, file string) bool
	}
	wants := []want{
		{"", func(_, _, _ string) bool { return true }},
		{"#severity=high", func(_, sev, _ string) bool { return sev == "high" }},
		{"#rule=demo-floating", func(rule, _, _ string) bool { return rule == "demo-floating" }},
		{"#rule=demo-legacy&path=DB.js", func(rule, _, file string) bool { return rule == "demo-legacy" && strings.HasSuffix(file, "db.js") }},
		{"#severity=medium&path=src%2Fapp", func(_, sev, file string) bool { return sev == "medium" && strings.Contains(file, "src/app") }},
		{"#severity=low&rule=demo-check-then-act", func(_, _, _ string) bool { return false }},
	}
	if len(results) != len(wants) {
		t.Fatalf("%d results, want %d", len(results), len(wants))
	}
	for i, w := range wants {
		r := results[i]
		if r.Hash != w.hash {
			t.Errorf("case %d: address fragment %q, want %q", i, r.Hash, w.hash)
		}
		n := 0
		for j, f := range res.Findings {
			show := w.shown(f.Rule, f.Severity.String(), f.File)
			if show {
				n++
			}
			if j < len(r.Hidden) && r.Hidden[j] == show {
				t.Errorf("case %d (%s): finding %d (%s %s) hidden=%v", i, w.hash, j+1, f.Severity, f.Rule, r.Hidden[j])
			}
		}
		if r.Shown != strconv.Itoa(n) || r.NoMatch != (n != 0) {
			t.Errorf("case %d (%s): shown %q, no-match hidden=%v; want %d", i, w.hash, r.Shown, r.NoMatch, n)
		}
	}

	// 3. On a phone-sized screen nothing overflows the page sideways: long
	// code lines scroll inside their frame, long paths wrap.
	narrowOpts := opts
	narrowOpts.Paths = []string{"packages/a-package-with-a-rather-long-name/src/handlers/payments/refunds-and-chargebacks", "services/worker"}
	buf.Reset()
	if err := HTML(&buf, res, narrowOpts); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "narrow.html"), buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	frame := filepath.Join(dir, "frame.html")
	if err := os.WriteFile(frame, []byte(narrowFrame), 0o644); err != nil {
		t.Fatal(err)
	}
	dom = headless(t, bin, "file://"+filepath.ToSlash(frame), "--allow-file-access-from-files", "--dump-dom")
	m = regexp.MustCompile(`<pre id="overflow">([^<]*)</pre>`).FindStringSubmatch(dom)
	if m == nil {
		t.Fatalf("the overflow script left no result:\n%s", lastLines(dom, 20))
	}
	var layout struct {
		ScrollWidth, InnerWidth int
		Frames                  int
		Wide                    []string
	}
	if err := json.Unmarshal([]byte(stdhtml.UnescapeString(m[1])), &layout); err != nil {
		t.Fatal(err)
	}
	if layout.InnerWidth != 375 {
		t.Errorf("the window is %d px wide, want 375", layout.InnerWidth)
	}
	if layout.ScrollWidth > layout.InnerWidth || len(layout.Wide) > 0 {
		t.Errorf("at %d px the page is %d px wide; too wide: %q", layout.InnerWidth, layout.ScrollWidth, layout.Wide)
	}
	if layout.Frames == 0 {
		t.Error("no code frame scrolls sideways at 375 px: the test lost its long line")
	}

	// 4. A screenshot renders (kept when RACECHECK_SCREENSHOT names a file).
	shot := filepath.Join(dir, "report.png")
	if s := os.Getenv("RACECHECK_SCREENSHOT"); s != "" {
		shot = s
	}
	headless(t, bin, url, "--hide-scrollbars", "--window-size=1200,1600", "--screenshot="+shot)
	if info, err := os.Stat(shot); err != nil || info.Size() < 10000 {
		t.Errorf("screenshot %s: %v", shot, err)
	}
}

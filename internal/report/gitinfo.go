package report

import (
	"os/exec"
	"path/filepath"
	"strings"
)

// GitRevision returns the commit checked out in the git repository that
// holds dir, and the repository's top directory, slash-separated; both are
// "" when dir is in no repository or git cannot be run, and commit is ""
// in a repository without commits.
func GitRevision(dir string) (commit, top string) {
	if dir == "" {
		return "", ""
	}
	run := func(args ...string) string {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		out, err := cmd.Output()
		if err != nil {
			return ""
		}
		return strings.TrimSpace(string(out))
	}
	top = run("rev-parse", "--show-toplevel")
	if top == "" {
		return "", ""
	}
	commit = run("rev-parse", "--verify", "--quiet", "HEAD")
	return commit, filepath.ToSlash(top)
}

package cli

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

const initUsage = `Usage: racecheck init [flags] [dir]

Writes a starter racecheck.json and a GitHub Actions workflow
(.github/workflows/racecheck.yml) into dir (default .). The workflow installs
racecheck, scans the repository and uploads the SARIF report to GitHub code
scanning. Existing files are left alone unless --force is given.

Flags:
`

// StarterConfig is the racecheck.json that init writes.
const StarterConfig = `{
  "failOn": "medium",
  "ignore": ["**/__tests__/**", "**/*.test.*", "**/*.spec.*"],
  "rules": {}
}
`

// StarterWorkflow is the GitHub Actions workflow that init writes.
const StarterWorkflow = `# Scans the repository with racecheck and uploads the findings to GitHub
# code scanning (Security > Code scanning, and annotations on pull requests).
name: racecheck

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read
  security-events: write

jobs:
  racecheck:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-go@v5
        with:
          go-version: stable
      - name: Install racecheck
        run: go install github.com/racecheck/racecheck/cmd/racecheck@latest
      - name: Scan
        run: racecheck scan --format sarif --output racecheck.sarif
      - name: Upload to code scanning
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: racecheck.sarif
          category: racecheck
`

func initCmd(args []string, env Env) int {
	flags := flag.NewFlagSet("init", flag.ContinueOnError)
	flags.SetOutput(env.Stderr)
	force := flags.Bool("force", false, "overwrite existing files")
	noWorkflow := flags.Bool("no-workflow", false, "write racecheck.json only")
	flags.Usage = func() {
		fmt.Fprint(env.Stderr, initUsage)
		flags.PrintDefaults()
	}
	pos, err := parseInterspersed(flags, args)
	if err != nil {
		return usageErr(err)
	}
	if len(pos) > 1 {
		flags.Usage()
		return ExitError
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fail(env, fmt.Errorf("%s is not a directory", dir))
	}
	files := []struct{ path, content string }{
		{filepath.Join(dir, "racecheck.json"), StarterConfig},
	}
	if !*noWorkflow {
		files = append(files, struct{ path, content string }{filepath.Join(dir, ".github", "workflows", "racecheck.yml"), StarterWorkflow})
	}
	if !*force {
		var exist []string
		for _, f := range files {
			if _, err := os.Lstat(f.path); err == nil {
				exist = append(exist, f.path)
			} else if !errors.Is(err, fs.ErrNotExist) {
				return fail(env, err)
			}
		}
		if len(exist) > 0 {
			return fail(env, fmt.Errorf("%s already exist%s; nothing written (use --force to overwrite)", strings.Join(exist, " and "), map[bool]string{true: "s", false: ""}[len(exist) == 1]))
		}
	}
	if rc := filepath.Join(dir, ".racecheckrc.json"); fileExists(rc) {
		return fail(env, fmt.Errorf("%s already configures racecheck; nothing written", rc))
	}
	for _, f := range files {
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			return fail(env, err)
		}
		if err := os.WriteFile(f.path, []byte(f.content), 0o644); err != nil {
			return fail(env, err)
		}
		fmt.Fprintf(env.Stdout, "wrote %s\n", f.path)
	}
	fmt.Fprintln(env.Stdout, "\nNext: run 'racecheck scan', adjust racecheck.json, and commit the files.")
	return ExitPass
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

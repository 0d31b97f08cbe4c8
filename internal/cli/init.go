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
(.github/workflows/racecheck.yml) into dir (default .). The workflow runs
racecheck from npm (npx racecheck@VERSION, this racecheck's version), scans the
repository and uploads the SARIF report to GitHub code scanning. When the npm
package is installed in dir, racecheck.json's "$schema" points at its JSON
schema. Existing files are left alone unless --force is given.

Flags:
`

// StarterConfig is the racecheck.json that init writes.
const StarterConfig = `{
  "failOn": "medium",
  "ignore": ["**/__tests__/**", "**/*.test.*", "**/*.spec.*"],
  "rules": {}
}
`

// starterWorkflow is the GitHub Actions workflow that init writes, with
// the racecheck version and the scan's extra flags filled in.
const starterWorkflow = `# Scans the repository with racecheck and uploads the findings to GitHub
# code scanning (Security > Code scanning, and annotations on pull requests).
name: racecheck

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read
  actions: read
  security-events: write

jobs:
  racecheck:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Scan
        run: npx --yes racecheck@%s scan%s --format sarif --output racecheck.sarif --report text
      - name: Upload to code scanning
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: racecheck.sarif
          category: racecheck
`

// StarterWorkflow returns the workflow init writes for racecheck version
// (a development build pins nothing and uses the latest release). In
// report-only mode the scan never fails the job; its findings are still
// uploaded.
func StarterWorkflow(version string, reportOnly bool) string {
	v := strings.TrimPrefix(version, "v")
	if v == "" || v == "dev" {
		v = "latest"
	}
	flags := ""
	if reportOnly {
		flags = " --fail-on never"
	}
	return fmt.Sprintf(starterWorkflow, v, flags)
}

// schemaInPackage is where the npm package keeps racecheck.schema.json,
// relative to the project.
const schemaInPackage = "./node_modules/racecheck/racecheck.schema.json"

// starterConfig is StarterConfig with "$schema" pointing at the schema the
// npm package installed, when it is there.
func starterConfig(dir string) string {
	if !fileExists(filepath.Join(dir, filepath.FromSlash(schemaInPackage))) {
		return StarterConfig
	}
	return strings.Replace(StarterConfig, "{\n", "{\n  \"$schema\": \""+schemaInPackage+"\",\n", 1)
}

func initCmd(args []string, env Env) int {
	flags := flag.NewFlagSet("init", flag.ContinueOnError)
	flags.SetOutput(env.Stderr)
	force := flags.Bool("force", false, "overwrite existing files")
	noWorkflow := flags.Bool("no-workflow", false, "write racecheck.json only")
	reportOnly := flags.Bool("report-only", false, "the workflow reports findings but never fails the job")
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
		{filepath.Join(dir, "racecheck.json"), starterConfig(dir)},
	}
	if !*noWorkflow {
		files = append(files, struct{ path, content string }{filepath.Join(dir, ".github", "workflows", "racecheck.yml"), StarterWorkflow(Version, *reportOnly)})
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

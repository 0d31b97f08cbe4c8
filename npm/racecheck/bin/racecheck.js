#!/usr/bin/env node
// Starts the racecheck binary of this platform, installed by npm as one of
// the optional dependencies @racecheck/<os>-<cpu>, with the same arguments,
// standard streams and exit status.
"use strict";

const { spawnSync } = require("child_process");
const path = require("path");

const platforms = {
  "linux x64": "@racecheck/linux-x64",
  "linux arm64": "@racecheck/linux-arm64",
  "darwin x64": "@racecheck/darwin-x64",
  "darwin arm64": "@racecheck/darwin-arm64",
  "win32 x64": "@racecheck/win32-x64",
  "win32 arm64": "@racecheck/win32-arm64",
};

function binaryPath() {
  if (process.env.RACECHECK_BINARY) {
    return process.env.RACECHECK_BINARY;
  }
  const key = `${process.platform} ${process.arch}`;
  const pkg = platforms[key];
  if (!pkg) {
    fail(`racecheck has no prebuilt binary for ${key}. Build it from source (go install ./cmd/racecheck in a clone) and set RACECHECK_BINARY to its path.`);
  }
  const exe = process.platform === "win32" ? "racecheck.exe" : "racecheck";
  try {
    return require.resolve(`${pkg}/bin/${exe}`);
  } catch {
    fail(`the package ${pkg} is not installed. Reinstall racecheck without --no-optional (or --omit=optional), so that npm installs the binary for this platform.`);
  }
}

function fail(message) {
  process.stderr.write(`racecheck: ${message}\n`);
  process.exit(2);
}

const result = spawnSync(binaryPath(), process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  fail(`could not start ${path.basename(result.error.path || "racecheck")}: ${result.error.message}`);
}
if (result.signal) {
  process.kill(process.pid, result.signal);
}
process.exit(result.status ?? 2);

// Checks what extension.js asks of VS Code, with stand-ins for the vscode
// module and the language client: run with `node --test test/`.
"use strict";

const test = require("node:test");
const assert = require("node:assert");
const Module = require("node:module");
const path = require("node:path");

// load returns extension.js with the given settings and workspace folder,
// and the record of the language clients it made.
function load({ setting, folder, startError }) {
  const made = [];
  const shown = [];
  const listeners = [];
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      this.args = { id, name, serverOptions, clientOptions };
      this.stopped = false;
      made.push(this);
    }
    async start() {
      if (startError) throw new Error(startError);
    }
    async stop() {
      this.stopped = true;
    }
  }
  const vscode = {
    workspace: {
      workspaceFolders: folder ? [{ uri: { fsPath: folder } }] : undefined,
      getConfiguration: (section) => ({ get: (key) => (section === "racecheck" && key === "path" ? setting : undefined) }),
      onDidChangeConfiguration: (fn) => {
        listeners.push(fn);
        return { dispose() {} };
      },
    },
    window: { showErrorMessage: async (msg) => (shown.push(msg), undefined) },
    commands: { executeCommand: () => undefined },
  };
  const resolve = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    if (request === "vscode" || request === "vscode-languageclient/node") return request;
    return resolve.call(this, request, ...rest);
  };
  require.cache.vscode = { id: "vscode", filename: "vscode", loaded: true, exports: vscode };
  require.cache["vscode-languageclient/node"] = { id: "lc", filename: "lc", loaded: true, exports: { LanguageClient } };
  const file = path.join(__dirname, "..", "extension.js");
  delete require.cache[file];
  try {
    return { ext: require(file), made, shown, listeners };
  } finally {
    Module._resolveFilename = resolve;
  }
}

const context = () => ({ subscriptions: [] });

test("starts racecheck lsp for JavaScript and TypeScript files", async () => {
  const { ext, made } = load({ setting: undefined, folder: "/ws" });
  await ext.activate(context());
  assert.strictEqual(made.length, 1);
  const { id, serverOptions, clientOptions } = made[0].args;
  assert.strictEqual(id, "racecheck");
  assert.deepStrictEqual(serverOptions, { command: "racecheck", args: ["lsp"] });
  assert.deepStrictEqual(
    clientOptions.documentSelector.map((s) => `${s.scheme}:${s.language}`),
    [
      "file:javascript", "untitled:javascript",
      "file:javascriptreact", "untitled:javascriptreact",
      "file:typescript", "untitled:typescript",
      "file:typescriptreact", "untitled:typescriptreact",
    ],
  );
  await ext.deactivate();
  assert.strictEqual(made[0].stopped, true);
});

test("racecheck.path: relative to the workspace folder, or as given", async () => {
  for (const [setting, want] of [
    ["./bin/racecheck", path.join("/ws", "bin", "racecheck")],
    ["/opt/racecheck", "/opt/racecheck"],
    ["racecheck-dev", "racecheck-dev"],
  ]) {
    const { ext, made } = load({ setting, folder: "/ws" });
    await ext.activate(context());
    assert.strictEqual(made[0].args.serverOptions.command, want, setting);
    await ext.deactivate();
  }
});

test("a binary that does not start is reported with what to do", async () => {
  const { ext, shown } = load({ setting: "/nope/racecheck", folder: "/ws", startError: "spawn /nope/racecheck ENOENT" });
  await ext.activate(context());
  assert.deepStrictEqual(shown, [
    'racecheck: could not start "/nope/racecheck lsp" (spawn /nope/racecheck ENOENT). Install racecheck, or set racecheck.path to the binary.',
  ]);
});

test("changing racecheck.path restarts the server", async () => {
  const { ext, made, listeners } = load({ setting: "racecheck", folder: "/ws" });
  await ext.activate(context());
  await listeners[0]({ affectsConfiguration: (s) => s === "racecheck.path" });
  assert.strictEqual(made.length, 2);
  assert.strictEqual(made[0].stopped, true);
  await listeners[0]({ affectsConfiguration: () => false });
  assert.strictEqual(made.length, 2);
  await ext.deactivate();
});

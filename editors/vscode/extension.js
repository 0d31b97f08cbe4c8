// Starts `racecheck lsp` for JavaScript and TypeScript files and connects
// VS Code to it: diagnostics, the suppression quick fix and hovers come
// from the server.
"use strict";

const path = require("node:path");
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

const languages = ["javascript", "javascriptreact", "typescript", "typescriptreact"];

// binary resolves the racecheck.path setting: a path relative to the first
// workspace folder is made absolute; a bare name is looked up on PATH.
function binary() {
  const setting = vscode.workspace.getConfiguration("racecheck").get("path") || "racecheck";
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (folder && !path.isAbsolute(setting) && /[\\/]/.test(setting)) {
    return path.join(folder.uri.fsPath, setting);
  }
  return setting;
}

async function start() {
  const command = binary();
  const serverOptions = { command, args: ["lsp"] };
  const clientOptions = {
    documentSelector: languages.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
  };
  client = new LanguageClient("racecheck", "racecheck", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    client = undefined;
    const choice = await vscode.window.showErrorMessage(
      `racecheck: could not start "${command} lsp" (${err && err.message ? err.message : err}). Install racecheck, or set racecheck.path to the binary.`,
      "Open Settings",
    );
    if (choice === "Open Settings") {
      vscode.commands.executeCommand("workbench.action.openSettings", "racecheck.path");
    }
  }
}

async function stop() {
  if (client) {
    const c = client;
    client = undefined;
    await c.stop();
  }
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration("racecheck.path")) {
        await stop();
        await start();
      }
    }),
    { dispose: () => stop() },
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };

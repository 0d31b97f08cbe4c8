// Drives `racecheck lsp` (the binary is argv[2]) with the LSP client
// library VS Code's language client is built on. In a temporary workspace
// holding a wallet whose balance is read and written through helpers of
// another module, it opens the racy file, hovers the finding, fixes the
// race, makes it racy again, applies the suppression quick fix, saves and
// closes; it prints one JSON object with what the server said at each step,
// paths relative to the workspace.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidSaveTextDocumentNotification,
  DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification,
  HoverRequest,
  CodeActionRequest,
  RegistrationRequest,
  ShutdownRequest,
  ExitNotification,
} from "vscode-languageserver-protocol/node";

const repo = `import { Pool } from "pg";

const pool = new Pool();

export async function balanceOf(userId: string): Promise<number> {
  const { rows } = await pool.query("SELECT balance FROM wallets WHERE user_id = $1", [userId]);
  return rows[0]?.balance ?? 0;
}

export async function recordBalance(userId: string, balance: number): Promise<void> {
  await pool.query("UPDATE wallets SET balance = $1 WHERE user_id = $2", [balance, userId]);
}
`;
const racy = `import { balanceOf, recordBalance } from "./repo";

export async function withdraw(userId: string, amount: number): Promise<number> {
  const balance = await balanceOf(userId);
  if (balance < amount) {
    throw new Error("insufficient funds");
  }
  await recordBalance(userId, balance - amount);
  return balance - amount;
}
`;
const fixed = `import { Pool } from "pg";

const pool = new Pool();

export async function withdraw(userId: string, amount: number): Promise<number> {
  const res = await pool.query(
    "UPDATE wallets SET balance = balance - $1 WHERE user_id = $2 AND balance >= $1 RETURNING balance",
    [amount, userId],
  );
  if (res.rowCount === 0) throw new Error("insufficient funds");
  return res.rows[0].balance;
}
`;

const ws = mkdtempSync(join(tmpdir(), "racecheck-lsp-"));
mkdirSync(join(ws, "src"));
writeFileSync(join(ws, "src", "repo.ts"), repo);
writeFileSync(join(ws, "src", "wallet.ts"), racy);
const wsURI = pathToFileURL(ws).href;
const uri = pathToFileURL(join(ws, "src", "wallet.ts")).href;
const rel = (u) => u.split(wsURI).join("WS");

const child = spawn(process.argv[2], ["lsp"], { stdio: ["pipe", "pipe", "inherit"] });
const exited = new Promise((resolve) => child.on("exit", (code) => resolve(code)));
const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));

// Diagnostics arrive as notifications; next() waits for the next batch.
const batches = [];
const waiters = [];
conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
  if (p.uri !== uri) return;
  const w = waiters.shift();
  if (w) w(p);
  else batches.push(p);
});
function next(step) {
  if (batches.length > 0) return Promise.resolve(batches.shift());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics after ${step} in 20s`)), 20000);
    waiters.push((p) => {
      clearTimeout(timer);
      resolve(p);
    });
  });
}
const registrations = [];
conn.onRequest(RegistrationRequest.type, (p) => {
  registrations.push(...p.registrations.map((r) => r.method));
  return null;
});
conn.listen();

const summary = (p) => ({
  version: p.version ?? null,
  diagnostics: p.diagnostics.map((d) => ({
    range: d.range,
    severity: d.severity,
    source: d.source,
    code: d.code,
    href: d.codeDescription?.href,
    message: d.message.split("\n")[0],
    related: (d.relatedInformation ?? []).map((r) => ({ uri: rel(r.location.uri), line: r.location.range.start.line, message: r.message })),
  })),
});

const out = {};
const init = await conn.sendRequest(InitializeRequest.type, {
  processId: process.pid,
  rootUri: wsURI,
  workspaceFolders: [{ uri: wsURI, name: "ws" }],
  capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
});
out.server = init.serverInfo.name;
out.sync = init.capabilities.textDocumentSync;
await conn.sendNotification(InitializedNotification.type, {});

await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "typescript", version: 1, text: racy } });
const opened = await next("open");
out.open = summary(opened);

const hover = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: opened.diagnostics[0].range.start });
out.hover = hover.contents.value.split("\n")[0];

await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
out.fixed = summary(await next("the fix"));

await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: racy }] });
const again = await next("the race again");
out.racyAgain = summary(again).diagnostics.map((d) => d.code);

const actions = await conn.sendRequest(CodeActionRequest.type, {
  textDocument: { uri },
  range: again.diagnostics[0].range,
  context: { diagnostics: again.diagnostics },
});
out.actions = actions.map((a) => ({ title: a.title, kind: a.kind, edits: a.edit.changes[uri] }));

// Apply the quick fix's insertion, as the editor would.
const edit = actions[0].edit.changes[uri][0];
const lines = racy.split("\n");
const line = lines[edit.range.start.line];
lines[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.start.character);
const suppressed = lines.join("\n");
await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 4 }, contentChanges: [{ text: suppressed }] });
out.suppressed = summary(await next("the quick fix"));

writeFileSync(join(ws, "src", "wallet.ts"), suppressed);
await conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri }, text: suppressed });
out.saved = summary(await next("save"));

await conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
out.closed = summary(await next("close"));

out.registrations = registrations;
await conn.sendRequest(ShutdownRequest.type);
await conn.sendNotification(ExitNotification.type);
out.exitCode = await exited;
conn.dispose();
rmSync(ws, { recursive: true, force: true });
console.log(JSON.stringify(out, null, 2));

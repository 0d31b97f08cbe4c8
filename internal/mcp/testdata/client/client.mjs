// Connects the official MCP SDK client to `racecheck mcp` (the binary is
// argv[2]), lists the tools, scans a racy snippet and asks for a rule's
// documentation; prints one JSON object with what it got.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const transport = new StdioClientTransport({ command: process.argv[2], args: ["mcp"] });
const client = new Client({ name: "racecheck-test", version: "1.0.0" });
await client.connect(transport);

const tools = await client.listTools();
const scan = await client.callTool({
  name: "scan",
  arguments: {
    filename: "src/wallet.ts",
    source: `import { Pool } from "pg";
const pool = new Pool();
export async function withdraw(userId: string, amount: number) {
  const { rows } = await pool.query("SELECT balance FROM wallets WHERE user_id = $1", [userId]);
  if (rows[0].balance < amount) throw new Error("insufficient funds");
  await pool.query("UPDATE wallets SET balance = $1 WHERE user_id = $2", [rows[0].balance - amount, userId]);
}
`,
  },
});
const explain = await client.callTool({ name: "explain", arguments: { rule: "check-then-act" } });
const unknown = await client.callTool({ name: "explain", arguments: { rule: "no-such-rule" } });
await client.close();

console.log(JSON.stringify({
  server: client.getServerVersion(),
  tools: tools.tools.map((t) => t.name),
  findings: scan.structuredContent?.findings ?? JSON.parse(scan.content[0].text).findings,
  explain: explain.content[0].text.split("\n")[0],
  unknownIsError: unknown.isError === true,
}));

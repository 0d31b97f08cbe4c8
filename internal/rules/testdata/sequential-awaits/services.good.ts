import nodesService from "./nodesvc";

// Both calls filter memory through the service object: nothing to overlap.
export async function getTools() {
  const tools = await nodesService.getNodesForCategory("Tools");
  const mcpTools = await nodesService.getNodesForCategory("Tools (MCP)");
  return [...tools, ...mcpTools];
}

// Two lookups by key: running them together saves one cheap round trip.
export async function pair(db: any, a: string, b: string) {
  const left = await nodesService.getFlow(db, a);
  const right = await nodesService.getFlow(db, b);
  return [left, right];
}

// An async function that serialises memory waits for nothing.
export async function describe(db: any, projectId: string) {
  const text = await nodesService.getCatalogText();
  const flows = await nodesService.listFlows(db, projectId);
  return { text, flows };
}

// A request to another service beside one lookup: the lookup is a small
// part of the wait.
export async function enrich(db: any, id: string) {
  const flow = await nodesService.getFlow(db, id);
  const res = await fetch(`https://api.example.com/flows/${id}`);
  return { flow, res };
}

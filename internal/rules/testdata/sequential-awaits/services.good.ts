import nodesService from "./nodesvc";

// Both calls filter memory through the service object: nothing to overlap.
export async function getTools() {
  const tools = await nodesService.getNodesForCategory("Tools");
  const mcpTools = await nodesService.getNodesForCategory("Tools (MCP)");
  return [...tools, ...mcpTools];
}

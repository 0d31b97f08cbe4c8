import channelsApi from "./channels";

// getNode() throws when the node it read is missing, inside a try whose
// catch logs and rethrows: the count runs only for a node that exists.
export async function nodePage(key: string) {
  const node = await channelsApi.getNode(key);
  const count = await channelsApi.getCount(key);
  return { node, count };
}

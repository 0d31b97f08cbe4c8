import channelsApi from "./channels";

// getChannels() rejects on purpose only for a bad status, before any
// query; the count does not depend on it, so the two reads can overlap.
export async function channelsPage(key: string, status: string) {
  const channels = await channelsApi.getChannels(key, status); // expect: sequential-awaits
  const count = await channelsApi.getCount(key);
  return { channels, count };
}

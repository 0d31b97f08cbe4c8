import { client } from "./http";

// The early return settles at once, but the request the constant holds is
// awaited: both helpers still wait for the service, one after the other.
async function getTeam(id?: string) {
  if (!id) return Promise.resolve(null);
  const pending = client.get(`/teams/${id}`);
  const res = await pending;
  return res.data;
}

async function getInvites(id?: string) {
  if (!id) return Promise.resolve([]);
  const pending = client.get(`/teams/${id}/invites`);
  const res = await pending;
  return res.data;
}

export async function teamPage(id: string) {
  const team = await getTeam(id); // expect: sequential-awaits
  const invites = await getInvites(id);
  return { team, invites };
}

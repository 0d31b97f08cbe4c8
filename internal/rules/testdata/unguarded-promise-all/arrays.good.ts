type Runs = { cancel(id: string): Promise<void> };
type Pauses = { delete(teamId: string): Promise<void> };

// The first element is an array of promises, not a promise: Promise.all
// does not wait for the cancels at all (async-iteration-callback reports
// that), and only one write is left for it to run.
export async function unpause(runs: Runs, pauses: Pauses, teamId: string, ids: string[]) {
  await Promise.all([ids.map((id) => runs.cancel(id)), pauses.delete(teamId)]); // expect: async-iteration-callback
}

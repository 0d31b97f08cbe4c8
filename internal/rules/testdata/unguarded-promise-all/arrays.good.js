// The first element is an array, which Promise.all takes as a value.
async function unpause(runs, pauses, teamId, ids) {
  await Promise.all([ids.map((id) => runs.cancel(id)), pauses.delete(teamId)]);
}

module.exports = { unpause };

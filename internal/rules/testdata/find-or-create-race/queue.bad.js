const knex = require("./knex");

// The queue is made anew for every call: it serialises nothing.
function enqueue(job) {
  let creations = Promise.resolve();
  creations = creations.then(job);
  return creations;
}

function openThread(userId) {
  return enqueue(async () => {
    const existing = await knex("threads").where({ user_id: userId, status: "open" }).first();
    if (existing) return existing;
    return knex("threads").insert({ user_id: userId, status: "open" }); // expect: find-or-create-race
  });
}

module.exports = { openThread };

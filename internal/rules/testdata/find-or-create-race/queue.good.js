const knex = require("./knex");

// Thread creation runs through a queue: each job starts when the one
// before it has settled, so a second call finds the first one's thread.
let creations = Promise.resolve();

function enqueue(job) {
  creations = creations.then(job).catch((err) => {
    console.error(`thread creation failed: ${err.message}`);
  });
  return creations;
}

function openThread(userId) {
  return enqueue(async () => {
    const existing = await knex("threads").where({ user_id: userId, status: "open" }).first();
    if (existing) return existing;
    return knex("threads").insert({ user_id: userId, status: "open" });
  });
}

module.exports = { openThread };

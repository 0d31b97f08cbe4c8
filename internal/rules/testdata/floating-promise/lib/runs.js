// A model module: an object literal of async methods, exported by name.
const db = require("./db");

const Runs = {
  // Handles its own errors: its promise cannot reject.
  kill: async function (id) {
    try {
      await db.runs.updateMany({ where: { id }, data: { status: "killed" } });
    } catch (error) {
      console.error("could not mark the run killed", error.message);
      return null;
    }
  },
  // Lets a failure through.
  async start(id) {
    await db.runs.update({ where: { id }, data: { status: "running" } });
  },
  // this is the object: kill() cannot reject, so neither can stop().
  stop: async function (id) {
    await this.kill(id);
  },
};

module.exports = { Runs };

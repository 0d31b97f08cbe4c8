const db = require("./db");

function loadProfile(id) {
  return new Promise(async (resolve, reject) => { // expect: async-promise-executor
    const { rows } = await db.query("SELECT * FROM profiles WHERE id = $1", [id]);
    if (rows.length === 0) throw new Error("no profile " + id);
    resolve(rows[0]);
  });
}

function warmCache(cache, key) {
  // Only the first step is guarded; the second await is not.
  return new Promise(async function (resolve, reject) { // expect: async-promise-executor
    try {
      await cache.connect();
    } catch (err) {
      return reject(err);
    }
    resolve(await cache.get(key));
  });
}

class Pool {
  drain() {
    return new this.Promise(async (resolve) => { // expect: async-promise-executor
      await this.closeAll();
      resolve();
    });
  }
}

function rethrowing(job) {
  return new Promise(async (resolve, reject) => { // expect: async-promise-executor
    try {
      resolve(await job.run());
    } catch (err) {
      job.log(err);
      throw err;
    }
  });
}

module.exports = { loadProfile, warmCache, Pool, rethrowing };

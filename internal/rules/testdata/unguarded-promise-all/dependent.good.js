const { broadcast } = require("./broadcast");

// The write first, then what reads it.
async function setTitle(docs, id, title) {
  const doc = await docs.load(id);
  await doc.appendChange({ title });
  await broadcast(doc);
}

// Sending what is already in memory does not read what the write changes.
async function saveAndNotify(users, mailer, id) {
  const user = await users.load(id);
  await Promise.all([user.save(), mailer.send(user.email, "saved")]);
}

class Runner {
  constructor(client, pool) {
    this.client = client;
    this.pool = pool;
  }

  // One after another: a failure stops the rest before the rollback.
  async dropAll(statements) {
    await this.client.query("BEGIN");
    try {
      for (const s of statements) await this.client.query(s);
      await this.client.query("COMMIT");
    } catch (err) {
      await this.client.query("ROLLBACK");
      throw err;
    }
  }

  // Reads through a pool, each on its own connection.
  async counts(tables) {
    try {
      return await Promise.all(tables.map((t) => this.pool.query(`SELECT count(*) FROM ${t}`)));
    } finally {
      this.client.release();
    }
  }
}

// The check runs first.
async function cleanInstall(project, dir, fsp) {
  await project.loadLockfile().catch(() => {
    throw new Error("a lockfile is required");
  });
  await fsp.rm(dir, { recursive: true, force: true });
  await project.install();
}

module.exports = { setTitle, saveAndNotify, Runner, cleanInstall };

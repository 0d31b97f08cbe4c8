// Operations that depend on each other, started together.

const { broadcast } = require("./broadcast");

async function setTitle(docs, id, title) {
  const doc = await docs.load(id);
  await Promise.all([ // expect: unguarded-promise-all
    doc.appendChange({ title }),
    broadcast(doc),
  ]);
}

async function replaceContent(docs, id, text) {
  const doc = await docs.load(id);
  await Promise.all([doc.replaceBody(""), doc.appendLine(text)]); // expect: unguarded-promise-all
}

class Runner {
  constructor(client) {
    this.client = client;
  }

  async dropAll(statements) {
    await this.client.query("BEGIN");
    try {
      await Promise.all(statements.map((s) => this.client.query(s))); // expect: unguarded-promise-all
      await this.client.query("COMMIT");
    } catch (err) {
      await this.client.query("ROLLBACK");
      throw err;
    }
  }
}

const removeAll = async (dir, fsp) => {
  const entries = await fsp.readdir(dir);
  await Promise.all(entries.map((e) => fsp.rm(`${dir}/${e}`, { recursive: true })));
};

async function cleanInstall(project, dir, fsp) {
  await Promise.all([ // expect: unguarded-promise-all
    project.loadLockfile().catch(() => {
      throw new Error("a lockfile is required");
    }),
    removeAll(dir, fsp),
  ]);
  await project.install();
}

module.exports = { setTitle, replaceContent, Runner, cleanInstall };

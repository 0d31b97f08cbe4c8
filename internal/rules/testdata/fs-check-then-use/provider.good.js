// A document store written against a storage provider it is handed: the
// provider's exists and mkdir are its own (a blob container, an in-memory
// store in tests), not the fs module's, and its mkdir creates parents and
// tolerates a directory that is already there.
module.exports = ({ fs, logger }) => {
  async function loadRevision() {
    if (!(await fs.exists("store.rev"))) {
      return 0;
    }
    return parseInt((await fs.readFile("store.rev")).toString(), 10);
  }

  async function persist(doc) {
    const dir = fs.path.join("documents", doc.folder);
    if (!(await fs.exists(dir))) {
      await fs.mkdir(dir);
    }
    await fs.writeFile(fs.path.join(dir, doc.name), doc.content);
    logger.debug(`saved ${doc.name}`);
  }

  return { loadRevision, persist };
};

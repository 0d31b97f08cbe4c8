const { pool } = require("./db");
const knex = require("./knex");

async function saveDocument(doc) {
  await pool.query( // expect: unchecked-optimistic-update
    "UPDATE documents SET body = $1, version = version + 1 WHERE id = $2 AND version = $3",
    [doc.body, doc.id, doc.version],
  );
}

// The result is kept but never looked at.
async function rename(id, version, title) {
  const result = await knex("pages").where({ id, version }).update({ title, version: version + 1 }); // expect: unchecked-optimistic-update
  return { id, title };
}

// sequelize: Model.update resolves to [affectedCount].
async function retitle(Page, id, version, title) {
  await Page.update({ title, version: version + 1 }, { where: { id, version } }); // expect: unchecked-optimistic-update
}

// mongoose: the version key in the filter.
async function setBody(Note, id, v, body) {
  await Note.updateOne({ _id: id, __v: v }, { $set: { body }, $inc: { __v: 1 } }); // expect: unchecked-optimistic-update
}

module.exports = { saveDocument, rename, retitle, setBody };

// The same update that also moves the version is optimistic.
async function publishRevision(Revisions, id, version) {
  await Revisions.updateOne({ _id: id, version }, { $set: { published: true }, $inc: { version: 1 } }); // expect: unchecked-optimistic-update
}

module.exports.publishRevision = publishRevision;

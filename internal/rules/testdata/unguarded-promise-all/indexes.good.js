const { MongoClient } = require("mongodb");

const client = new MongoClient(process.env.MONGO_URL);

// Index definitions write no record: a batch of them that fails halfway
// leaves no data half updated, and creating an index again is a no-op.
async function addIndexes(collection, specs) {
  await Promise.all(
    specs.map((spec) => {
      spec.background = true;
      return collection.createIndex(spec.key, spec);
    }),
  );
}

async function dropIndexes(collection, specs) {
  await Promise.all(specs.map((spec) => collection.dropIndex(spec.name)));
}

async function reindex(name, oldSpecs, newSpecs) {
  const collection = client.db().collection(name);
  await dropIndexes(collection, oldSpecs);
  await addIndexes(collection, newSpecs);
  await client.db().collection("reindexed").insertOne({ name, at: new Date() });
}

module.exports = { reindex };

import { Collection, Db } from "mongodb";

export async function createVectorCollection(db: Db, name: string, fields: string[]): Promise<Collection> {
  await db.createCollection(name);
  const collection = db.collection(name);
  await collection.createSearchIndex({ name: "default", definition: { mappings: { dynamic: true } } });
  await Promise.all(
    fields.map(async (field) => {
      await collection.createIndex({ [field]: 1 });
    }),
  );
  return collection;
}

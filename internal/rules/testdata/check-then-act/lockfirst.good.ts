import { db, schema, eq } from "./db";

// The row is locked by a separate SELECT ... FOR UPDATE in the same
// transaction before it is read and updated.
export async function spendKey(keyId: string) {
  await db.transaction(async (tx: any) => {
    const [locked] = await tx.select({ id: schema.keys.id }).from(schema.keys).where(eq(schema.keys.id, keyId)).for("update");
    if (!locked) throw new Error("not found");
    const key = await tx.query.keys.findFirst({ where: (t: any, { eq }: any) => eq(t.id, keyId) });
    if (key.remaining <= 0) throw new Error("exhausted");
    await tx.update(schema.keys).set({ remaining: key.remaining - 1 }).where(eq(schema.keys.id, key.id));
  });
}

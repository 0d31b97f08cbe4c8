import { db } from "./db";

// The tests are of what identifies the record (its id, the field it was
// looked up by): the same record still has them when the write comes.
export async function updateSettings(id: number, actorId: number, name: string) {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new Error("not found");
  if (user.id === 1 && actorId !== 1) throw new Error("the owner's settings are the owner's");
  await db.user.update({ where: { id: user.id }, data: { name } });
}

export async function invoicePaid(customerId: string) {
  const user = await db.user.findFirst({ where: { customerId } });
  if (user && !user.customerId) {
    await db.user.update({ where: { id: user.id }, data: { customerId } });
  }
}

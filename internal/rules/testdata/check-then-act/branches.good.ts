import { db } from "./db";

// The admin row is read only in the first branch; the test in the else
// branch is of the user looked up before it, which that branch updates
// by its own id from the values it was given.
export async function signIn(externalId: string, name: string, firstRun: boolean) {
  let user = await db.user.findFirst({ where: { externalId } });
  if (firstRun) {
    user = await db.user.findFirst({ where: { id: 1 } });
    if (!user) throw new Error("no admin");
    await db.user.update({ where: { id: 1 }, data: { externalId } });
  } else if (user?.externalId === externalId) {
    await db.user.update({ where: { id: 1 }, data: { name } });
  }
}

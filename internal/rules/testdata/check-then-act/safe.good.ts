import { Prisma } from "@prisma/client";
import { prisma } from "./prisma";

// The condition travels with the write; count tells whether it applied.
export async function redeem(code: string) {
  const coupon = await prisma.coupon.findUnique({ where: { code } });
  if (!coupon || coupon.remaining <= 0) throw new Error("exhausted");
  const { count } = await prisma.coupon.updateMany({
    where: { code, remaining: { gt: 0 } },
    data: { remaining: { decrement: 1 } },
  });
  if (count === 0) throw new Error("exhausted");
}

// A serializable transaction aborts one of two conflicting transactions.
export async function sell(id: string, qty: number) {
  await prisma.$transaction(
    async (tx) => {
      const item = await tx.item.findUnique({ where: { id } });
      if (!item || item.stock < qty) throw new Error("sold out");
      await tx.item.update({ where: { id }, data: { stock: item.stock - qty } });
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.Serializable },
  );
}

// A locking read inside the interactive transaction.
export async function sellLocked(id: string, qty: number) {
  await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ stock: number }[]>`SELECT stock FROM items WHERE id = ${id} FOR UPDATE`;
    if (rows[0].stock < qty) throw new Error("sold out");
    await tx.$executeRaw`UPDATE items SET stock = stock - ${qty} WHERE id = ${id}`;
  });
}

// A version column makes the write conditional.
export async function rename(id: string, title: string) {
  const doc = await prisma.document.findUnique({ where: { id } });
  if (!doc || doc.locked) throw new Error("locked");
  const { count } = await prisma.document.updateMany({
    where: { id, version: doc.version },
    data: { title, locked: false, version: { increment: 1 } },
  });
  if (count === 0) throw new Error("conflict");
}

// A new row keyed differently: not a lost update.
export async function follow(userId: string, targetId: string) {
  const target = await prisma.user.findUnique({ where: { id: targetId } });
  if (!target || target.private) throw new Error("cannot follow");
  await prisma.follow.create({ data: { userId, targetId } });
}

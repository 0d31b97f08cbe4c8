import { and, eq } from "drizzle-orm";
import { db } from "./db";
import { accounts } from "./schema";
import { prisma } from "./prisma";

class WalletService {
  constructor(private readonly walletRepository: any) {}

  // typeorm: findOne, change, save.
  async charge(userId: string, cost: number) {
    const wallet = await this.walletRepository.findOne({ where: { userId } });
    if (wallet.balance < cost) {
      throw new Error("insufficient balance");
    }
    wallet.balance = wallet.balance - cost;
    await this.walletRepository.save(wallet); // expect: check-then-act
  }
}

// drizzle: select, check, update.
export async function withdraw(id: string, amount: number) {
  const [acct] = await db.select().from(accounts).where(eq(accounts.id, id));
  if (acct.balance >= amount) {
    await db.update(accounts).set({ balance: acct.balance - amount }).where(eq(accounts.id, id)); // expect: check-then-act
  }
}

// An interactive transaction at the default isolation level takes no lock
// on the row it reads: two transactions both see the old stock.
export async function sell(id: string, qty: number) {
  await prisma.$transaction(async (tx) => {
    const item = await tx.item.findUnique({ where: { id } });
    if (!item || item.stock < qty) throw new Error("sold out");
    await tx.item.update({ where: { id }, data: { stock: { decrement: qty } } }); // expect: check-then-act
  });
}

// A helper pair known by name: the value read is the value written back.
declare function getPoints(userId: string): Promise<number>;
declare function setPoints(userId: string, points: number): Promise<void>;

export async function redeem(userId: string, price: number) {
  const points = await getPoints(userId);
  if (points < price) return false;
  await setPoints(userId, points - price); // expect: check-then-act
  return true;
}

// Fill-if-empty with a value from elsewhere: the second request overwrites
// the first one's owner.
export async function claim(tasks: any, taskId: string, workerId: string) {
  const task = await tasks.findOne({ _id: taskId });
  if (task.owner) return false;
  await tasks.updateOne({ _id: taskId }, { $set: { owner: workerId } }); // expect: check-then-act
  return true;
}

export { WalletService };

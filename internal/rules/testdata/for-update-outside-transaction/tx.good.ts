import { PrismaClient } from "@prisma/client";
import { DataSource } from "typeorm";
import { Account } from "./account";

const prisma = new PrismaClient();
const dataSource = new DataSource({ type: "postgres" });

export async function debit(id: string, amount: number) {
  await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ balance: number }[]>`SELECT balance FROM accounts WHERE id = ${id} FOR UPDATE`;
    if (rows[0].balance < amount) throw new Error("insufficient funds");
    await tx.$executeRaw`UPDATE accounts SET balance = balance - ${amount} WHERE id = ${id}`;
  });
}

export async function loadLocked(id: string) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    const account = await runner.manager
      .getRepository(Account)
      .createQueryBuilder("a")
      .setLock("pessimistic_write")
      .where("a.id = :id", { id })
      .getOne();
    await runner.commitTransaction();
    return account;
  } finally {
    await runner.release();
  }
}

export async function withManager(id: string) {
  return dataSource.transaction(async (manager) => {
    return manager.getRepository(Account).findOne({ where: { id }, lock: { mode: "pessimistic_write" } });
  });
}

export async function findLocked(sequelize: any, AccountModel: any, id: string) {
  return sequelize.transaction(async (t: unknown) => {
    return AccountModel.findOne({ where: { id }, lock: true, transaction: t });
  });
}

// A batch transaction runs its list in one transaction.
export async function batch(id: string) {
  return prisma.$transaction([
    prisma.$queryRaw`SELECT id FROM accounts WHERE id = ${id} FOR UPDATE`,
    prisma.account.update({ where: { id }, data: { touched: true } }),
  ]);
}

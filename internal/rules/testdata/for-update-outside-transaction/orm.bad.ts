import { PrismaClient } from "@prisma/client";
import { DataSource } from "typeorm";
import { Account } from "./account";

const prisma = new PrismaClient();
const dataSource = new DataSource({ type: "postgres" });

export async function lockAccount(id: string) {
  const rows = await prisma.$queryRaw<{ id: string }[]>`SELECT id FROM accounts WHERE id = ${id} FOR UPDATE`; // expect: for-update-outside-transaction
  return rows[0];
}

export async function loadLocked(id: string) {
  return dataSource
    .getRepository(Account)
    .createQueryBuilder("a")
    .setLock("pessimistic_write") // expect: for-update-outside-transaction
    .where("a.id = :id", { id })
    .getOne();
}

// sequelize: lock without a transaction option.
export async function findLocked(AccountModel: any, id: string) {
  return AccountModel.findOne({ where: { id }, lock: true }); // expect: for-update-outside-transaction
}

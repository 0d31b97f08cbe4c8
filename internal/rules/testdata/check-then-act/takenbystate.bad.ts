import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

// Found by its state through Prisma, then taken by its id.
export async function takeInvite(email: string) {
  const invite = await prisma.invite.findFirst({ where: { email, status: "pending" } });
  if (!invite) return null;
  await prisma.invite.update({ where: { id: invite.id }, data: { status: "accepted" } }); // expect: check-then-act
  await prisma.member.create({ data: { email, teamId: invite.teamId } });
  return invite;
}

// A coupon tested as unredeemed, then marked redeemed with the balance
// credited in the same statement.
export async function redeem(pool: { query(sql: string, args?: unknown[]): Promise<{ rows: any[] }> }, code: string, userId: string) {
  const { rows } = await pool.query("SELECT redeemed, amount FROM coupons WHERE code = $1", [code]);
  if (rows.length === 0 || rows[0].redeemed === true) return false; 
  await pool.query("UPDATE coupons SET redeemed = true, uses = uses + 1 WHERE code = $1", [code]); // expect: check-then-act
  await pool.query("UPDATE wallets SET balance = balance + $2 WHERE user_id = $1", [userId, rows[0].amount]);
  return true;
}

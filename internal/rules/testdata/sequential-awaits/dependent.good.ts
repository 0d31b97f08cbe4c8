import { api } from "./api";

// The second read uses the first one's result.
export async function loadOrgOfUser(userId: string) {
  const user = await api.getUser(userId);
  const org = await api.getOrg(user.orgId);
  return { user, org };
}

// Writes: order matters.
export async function placeOrder(db: any, order: { sku: string; qty: number }) {
  await db.orders.insert(order);
  await db.inventory.decrement(order.sku, order.qty);
}

// Already parallel.
export async function dashboard(teamId: string) {
  const [members, invoices] = await Promise.all([api.fetchMembers(teamId), api.fetchInvoices(teamId)]);
  return { members, invoices };
}

// One transaction runs its queries one at a time anyway.
export async function inTx(prisma: any, id: string) {
  return prisma.$transaction(async (tx: any) => {
    const a = await tx.account.findUnique({ where: { id } });
    const b = await tx.ledger.findMany({ where: { accountId: id } });
    return { a, b };
  });
}

// A read that also writes is not a read.
export async function ensure(repo: any, name: string) {
  const tag = await repo.findOrCreate(name);
  const owner = await repo.getOwner(name);
  return { tag, owner };
}

import { prisma } from "./prisma";

export async function chargeFailed(invoiceId: string, reason: string) {
  const invoice = await prisma.invoice.findUnique({ where: { id: invoiceId } });
  if (!invoice) return "not found";
  await prisma.invoice.update({
    where: { id: invoiceId },
    data: { status: "failed", failedReason: reason, failedAttempts: { increment: 1 } },
  });
  return "recorded";
}

export async function chargeSucceeded(invoiceId: string) {
  const invoice = await prisma.invoice.findUnique({ where: { id: invoiceId } });
  if (!invoice || invoice.status === "completed") return "skipped";
  await prisma.payout.create({ data: { invoiceId } });
  return "paid";
}

export async function attachCustomer(email: string) {
  const existing = await prisma.customer.findFirst({ where: { email } });
  if (!existing) {
    try {
      await prisma.customer.create({ data: { email } });
    } catch (err) {
      if ((err as { code?: string }).code !== "P2002") throw err;
    }
  }
}

import { prisma } from "./prisma";

const currencies = new Map<string, string>();

// Concurrent misses for one team each repeat one primary-key lookup and
// store the same value: a duplicate read, not a lost update.
export async function teamCurrency(teamId: string): Promise<string> {
  const cached = currencies.get(teamId);
  if (cached) return cached;
  const team = await prisma.team.findUnique({ where: { id: teamId }, select: { baseCurrency: true } });
  currencies.set(teamId, team?.baseCurrency ?? "USD");
  return currencies.get(teamId)!;
}

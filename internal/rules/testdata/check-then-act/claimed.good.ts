import { PrismaClient, RunStatus } from "@prisma/client";

const prisma = new PrismaClient();

declare function runAutomation(id: string): Promise<void>;
class ConfigError extends Error {}

// The run is claimed by a conditional update whose count is checked: the
// writes after it belong to the one request that moved it out of PENDING.
export async function executeRun(runId: string) {
  const run = await prisma.automationRun.findUnique({ where: { id: runId } });
  if (!run || run.status !== RunStatus.PENDING) return;
  const claim = await prisma.automationRun.updateMany({
    where: { id: runId, status: RunStatus.PENDING },
    data: { status: RunStatus.RUNNING },
  });
  if (claim.count === 0) return;
  try {
    await runAutomation(runId);
  } catch (err) {
    await prisma.automationRun.update({
      where: { id: runId },
      data: { status: err instanceof ConfigError ? RunStatus.SKIPPED : RunStatus.FAILED },
    });
  }
}

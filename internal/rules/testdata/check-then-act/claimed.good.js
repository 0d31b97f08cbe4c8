const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();

// Claimed with a conditional update first; the write after it is this
// request's alone.
async function finishExport(exportId, failed) {
  const job = await prisma.exportJob.findUnique({ where: { id: exportId } });
  if (!job || job.state !== "queued") return;
  const { count } = await prisma.exportJob.updateMany({ where: { id: exportId, state: "queued" }, data: { state: "running" } });
  if (count === 0) return;
  await prisma.exportJob.update({ where: { id: exportId }, data: { state: failed ? "failed" : "done" } });
}

module.exports = { finishExport };

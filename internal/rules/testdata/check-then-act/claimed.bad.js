const { PrismaClient } = require("@prisma/client");

const prisma = new PrismaClient();

// The conditional update is made but its count never looked at: both
// racing requests go on to the final write.
async function finishImport(importId, failed) {
  const job = await prisma.importJob.findUnique({ where: { id: importId } });
  if (!job || job.state !== "queued") return;
  await prisma.importJob.updateMany({ where: { id: importId, state: "queued" }, data: { state: "running" } });
  await prisma.importJob.update({ where: { id: importId }, data: { state: failed ? "failed" : "done" } }); // expect: check-then-act
}

module.exports = { finishImport };

import { prisma } from "./prisma";
import type { Payload } from "payload";
import { DEFAULT_FOLDER, RegistryName } from "./lib/constants";

enum TaskName {
  Backup = "backup",
}

// Keys fixed in the code (an enum member, a constant imported from the
// project): one record for the whole installation, created by the first
// call ever and found by every later one.
export async function backupTask() {
  const task = await prisma.scheduledTask.findFirst({ where: { name: TaskName.Backup } });
  if (!task) {
    await prisma.scheduledTask.create({ data: { name: TaskName.Backup, schedule: "0 3 * * *" } });
  }
}

export async function selfRegistry() {
  const found = await prisma.registry.findFirst({ where: { name: RegistryName.Self } });
  if (found) return found;
  return prisma.registry.create({ data: { name: RegistryName.Self, host: "localhost" } });
}

export async function samplesFolder() {
  const folder = await prisma.folder.findFirst({ where: { name: DEFAULT_FOLDER } });
  if (folder) return folder;
  return prisma.folder.create({ data: { name: DEFAULT_FOLDER } });
}

// A Payload global is one document, identified by a slug fixed in the
// code.
export async function ensureSettings(payload: Payload) {
  const doc = await payload.db.findGlobal({ slug: "site-settings" });
  if (!doc) {
    await payload.db.createGlobal({ slug: "site-settings", data: { theme: "light" } });
  }
}

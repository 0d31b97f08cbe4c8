import { prisma } from "./prisma";

async function assertSlugFree(slug: string) {
  const existing = await prisma.bookingLink.findFirst({ where: { slug } });
  if (existing) throw new Error("this link is taken");
}

// The caller catches what the helper throws: the create runs either way.
export async function createAnyway(slug: string) {
  try {
    await assertSlugFree(slug);
  } catch {
    console.warn("slug in use", slug);
  }
  return prisma.bookingLink.upsert({ where: { slug }, update: {}, create: { slug } });
}

// The helper throws when the record is missing: the create runs only when
// it exists (a copy with another slug).
async function assertExists(slug: string) {
  const existing = await prisma.bookingLink.findFirst({ where: { slug } });
  if (!existing) throw new Error("no such link");
}

export async function duplicateLink(slug: string) {
  await assertExists(slug);
  return prisma.bookingLink.create({ data: { slug: `${slug}-copy` } });
}

// The helper's throw does not depend on its read.
async function loadAndValidate(slug: string) {
  const existing = await prisma.bookingLink.findFirst({ where: { slug } });
  if (slug.length > 64) throw new Error("too long");
  return existing;
}

export async function createChecked(slug: string) {
  await loadAndValidate(slug);
  return prisma.bookingLink.create({ data: { slug } });
}

// The helper checks another model.
async function assertUserActive(userId: string) {
  const user = await prisma.user.findFirst({ where: { id: userId, active: true } });
  if (!user) throw new Error("inactive");
}

export async function createForUser(userId: string, slug: string) {
  await assertUserActive(userId);
  return prisma.bookingLink.create({ data: { userId, slug } });
}

// The check runs only after the create.
export async function createThenCheck(slug: string) {
  const link = await prisma.bookingLink.create({ data: { slug } });
  await assertSlugFree(slug);
  return link;
}

import { prisma } from "./prisma";

// The check is in a helper that throws when the lookup finds the record;
// the caller creates it after the helper returned.
async function assertSlugFree(slug: string) {
  const existing = await prisma.bookingLink.findFirst({ where: { slug } });
  if (existing) {
    throw new Error("this link is taken");
  }
}

export async function createBookingLink(slug: string, title: string) {
  await assertSlugFree(slug);
  return prisma.bookingLink.create({ data: { slug, title } }); // expect: find-or-create-race
}

// The helper's argument is an object it destructures.
async function assertNoLinkFor({ accountId }: { accountId: string }) {
  const link = await prisma.bookingLink.findFirst({ where: { accountId } });
  if (link) throw new Error("one link per account");
}

export async function createAccountLink(accountId: string, slug: string) {
  await assertNoLinkFor({ accountId });
  const link = await prisma.bookingLink.create({ data: { accountId, slug } }); // expect: find-or-create-race
  return link;
}

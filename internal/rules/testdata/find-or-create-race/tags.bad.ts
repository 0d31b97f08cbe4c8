import { prisma } from "./prisma";

export class TagService {
  constructor(private readonly tagRepository: any) {}

  // typeorm: findOneBy, then save of a new object.
  async tagFor(name: string) {
    let tag = await this.tagRepository.findOneBy({ name });
    if (!tag) {
      tag = await this.tagRepository.save({ name }); // expect: find-or-create-race
    }
    return tag;
  }
}

// A transaction at the default isolation level does not stop two
// transactions from both missing the row and both inserting it.
export async function ensureSettings(userId: string) {
  return prisma.$transaction(async (tx) => {
    const found = await tx.settings.findFirst({ where: { userId } });
    if (found !== null) return found;
    return tx.settings.create({ data: { userId, theme: "light" } }); // expect: find-or-create-race
  });
}

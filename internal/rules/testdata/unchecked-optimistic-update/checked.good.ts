import { prisma } from "./prisma";

// update() throws P2025 when no row matches the where, version included.
export async function saveDocument(id: string, version: number, body: string) {
  await prisma.document.update({ where: { id, version }, data: { body, version: { increment: 1 } } });
}

export class ArticleService {
  constructor(private readonly articleRepository: any) {}

  async publish(id: string, lockVersion: number) {
    const result = await this.articleRepository.update({ id, lock_version: lockVersion }, { published: true });
    if (!result.affected) throw new Error("article changed");
  }
}

import { prisma } from "./prisma";

export async function saveDocument(id: string, version: number, body: string) {
  await prisma.document.updateMany({ where: { id, version }, data: { body, version: { increment: 1 } } }); // expect: unchecked-optimistic-update
}

export class ArticleService {
  constructor(private readonly articleRepository: any) {}

  async publish(id: string, lockVersion: number) {
    await this.articleRepository.update({ id, lock_version: lockVersion }, { published: true }); // expect: unchecked-optimistic-update
  }
}

import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

declare function Transactional(): MethodDecorator;

export class AccountsService {
  // The method runs in one transaction, whose queries go one at a time.
  @Transactional()
  async close(id: string) {
    const account = await prisma.account.findUnique({ where: { id } });
    const owner = await prisma.user.findUnique({ where: { accountId: id } });
    const ledger = await prisma.ledger.findUnique({ where: { accountId: id } });
    return { account, owner, ledger };
  }
}

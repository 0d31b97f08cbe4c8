import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

declare function Get(path: string): MethodDecorator;

export class AccountsController {
  // A route about transactions runs in none: its decorator's name is Get.
  @Get("accounts/:id/transactions")
  async listTransactions(id: string) {
    const account = await prisma.account.findUnique({ where: { id } }); // expect: sequential-awaits
    const owner = await prisma.user.findUnique({ where: { accountId: id } });
    const ledger = await prisma.ledger.findUnique({ where: { accountId: id } });
    return { account, owner, ledger };
  }
}

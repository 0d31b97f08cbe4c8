import { PrismaService } from "./prisma.service";

class BadRequestError extends Error {}

// Names are not unique: two concurrent registrations of one name both
// find nothing and both rows are kept.
export class CredentialNames {
  private credentials: any;

  constructor(private readonly prisma: PrismaService) {
    this.credentials = this.prisma.apiCredential;
  }

  async register(ownerId: string, apiKey: string, name: string) {
    const existing = await this.credentials.findFirst({ where: { ownerId, name } });
    if (existing) {
      throw new BadRequestError("this name is already in use");
    }
    return this.credentials.create({ data: { ownerId, apiKey, name } }); // expect: find-or-create-race
  }
}

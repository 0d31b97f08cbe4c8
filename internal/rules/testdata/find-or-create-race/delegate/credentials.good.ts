import { PrismaService } from "./prisma.service";

class BadRequestError extends Error {}

// The field holds Prisma's delegate for ApiCredential, whose apiKey is
// unique: a second registration of the key fails on it, as the check wants.
export class CredentialService {
  private credentials: any;

  constructor(private readonly prisma: PrismaService) {
    this.credentials = this.prisma.apiCredential;
  }

  async register(ownerId: string, apiKey: string, name: string) {
    const existing = await this.credentials.findFirst({ where: { apiKey } });
    if (existing) {
      throw new BadRequestError("this API key is already registered");
    }
    return this.credentials.create({ data: { ownerId, apiKey, name } });
  }
}

import { PrismaService } from "./prisma.service";

export class CanvasService {
  constructor(private prisma: PrismaService) {}

  // A primary-key lookup beside one list: running them together saves a
  // single cheap round trip.
  async listWithOwner(uid: string, ids: string[]) {
    const owner = await this.prisma.user.findUnique({ where: { uid } });
    const shares = await this.prisma.shareRecord.findMany({ where: { entityId: { in: ids } } });
    return { owner, shares };
  }
}

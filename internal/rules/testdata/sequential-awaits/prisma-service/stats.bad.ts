import { PrismaService } from "./prisma.service";

export class StatsService {
  constructor(private prisma: PrismaService) {}

  // Two independent lists and a count: worth running together.
  async overview(teamId: string) {
    const projects = await this.prisma.project.findMany({ where: { teamId } }); // expect: sequential-awaits
    const members = await this.prisma.member.findMany({ where: { teamId } });
    const invites = await this.prisma.invite.count({ where: { teamId } });
    return { projects, members, invites };
  }
}

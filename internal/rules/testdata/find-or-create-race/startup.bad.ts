import { Injectable, OnModuleInit } from "@nestjs/common";
import { PrismaService } from "./prisma.service";

const builtIns = [{ name: "chart" }, { name: "form" }];

// The start-up hook runs once, but inside its transaction the plugins
// are ensured together (Promise.all): the ensurePlugin calls overlap.
@Injectable()
export class PluginInitService implements OnModuleInit {
  constructor(private readonly prisma: PrismaService) {}

  async onModuleInit() {
    await this.prisma.$transaction(async () => {
      await Promise.all(builtIns.map((plugin) => this.ensurePlugin(plugin.name)));
    });
  }

  async ensurePlugin(name: string) {
    const found = await this.prisma.plugin.findFirst({ where: { name } });
    if (found) {
      return found;
    }
    return this.prisma.plugin.create({ data: { name } }); // expect: find-or-create-race
  }
}

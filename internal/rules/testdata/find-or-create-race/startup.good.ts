import { Injectable, OnModuleInit } from "@nestjs/common";
import { PrismaService } from "./prisma.service";

const builtIns = [{ name: "chart" }, { name: "form" }];

// onModuleInit runs once per process, and its transaction runs the
// plugins one after another: ensurePlugin never runs beside itself.
@Injectable()
export class PluginInitService implements OnModuleInit {
  constructor(private readonly prisma: PrismaService) {}

  async onModuleInit() {
    await this.prisma.$transaction(async () => {
      for (const plugin of builtIns) {
        await this.ensurePlugin(plugin.name);
      }
    });
  }

  async ensurePlugin(name: string) {
    const found = await this.prisma.plugin.findFirst({ where: { name } });
    if (found) {
      return found;
    }
    return this.prisma.plugin.create({ data: { name } });
  }
}

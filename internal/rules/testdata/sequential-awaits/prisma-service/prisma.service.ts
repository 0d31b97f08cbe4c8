import { PrismaClient } from "@prisma/client";

// The project's own client class: its queries are Prisma's.
export class PrismaService extends PrismaClient {}

import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

// Nothing after the fan-out closes the client or ends the process: the
// command waits for every delete before it exits.
async function reset(tables: string[]) {
  tables.forEach(async (table) => {
    await prisma.$executeRawUnsafe(`TRUNCATE ${table} CASCADE`);
  });
  console.log(`reset ${tables.length} tables`);
}

reset(["tags", "users"]);

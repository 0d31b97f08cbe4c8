import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

// The client is closed, and the process ended, while the inserts still
// run: the seed stops half done.
async function seed(names: string[]) {
  names.forEach(async (name) => { // expect: async-iteration-callback
    await prisma.tag.create({ data: { name } });
  });
  await prisma.$disconnect();
}

async function seedUsers(emails: string[]) {
  emails.map(async (email) => { // expect: async-iteration-callback
    await prisma.user.create({ data: { email } });
  });
  process.exit(0);
}

seed(["a", "b"]).then(() => seedUsers(["x@example.com"]));

import { prisma } from "../db";

// Called only by the seed script, which runs once.
const createUsers = async (emails: string[]) => {
  const users = await Promise.all(emails.map((email) => prisma.users.create({ data: { email } })));
  await prisma.audit.create({ data: { kind: "seeded", count: users.length } });
  return users.map((u) => u.id);
};

export default createUsers;

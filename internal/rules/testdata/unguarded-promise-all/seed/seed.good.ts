import { prisma } from "../db";
import createUsers from "./users.factory";

async function truncate() {
  await prisma.$executeRawUnsafe("TRUNCATE users CASCADE");
}

// Handed by name to a .then at module level: it runs once, and so does
// everything it calls.
async function seed() {
  await createUsers(["a@example.org", "b@example.org"]);
}

truncate().then(seed);

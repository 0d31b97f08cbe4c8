import { getCookie } from "cookies-next";
import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();

// Next to a cookie read, three lookups by key still wait one for the
// other.
export async function overview(req: Request, a: string, b: string, c: string) {
  const token = await getCookie("session-token", { req });
  const x = await prisma.user.findUnique({ where: { id: a } }); // expect: sequential-awaits
  const y = await prisma.user.findUnique({ where: { id: b } });
  const z = await prisma.user.findUnique({ where: { id: c } });
  return { token, users: [x, y, z] };
}

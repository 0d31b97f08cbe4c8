import type { Context } from "hono";
import { getSignedCookie } from "hono/cookie";
import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();
const SECRET = process.env.SECRET_KEY ?? "";

// Verifying a signed cookie checks an HMAC of a request header on this
// machine: only the session lookup does I/O, so there is nothing to
// overlap.
export async function loginRequired(c: Context) {
  const otp = await getSignedCookie(c, SECRET, "otp");
  const passkey = await getSignedCookie(c, SECRET, "passkey");
  const session = await prisma.session.findUnique({ where: { id: String(otp ?? passkey) } });
  return session;
}

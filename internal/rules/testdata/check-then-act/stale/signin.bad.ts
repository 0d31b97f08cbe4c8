import type { Payload } from "payload";
import { rememberDevice, countVisit } from "./devices.bad";
import { verifyPassword } from "./crypto";

export async function signIn(payload: Payload, email: string, password: string, deviceId: string) {
  const member = await payload.db.findOne({ collection: "members", where: { email: { equals: email } } });
  if (!member) throw new Error("unknown member");
  const ok = await verifyPassword(member, password);
  if (!ok) throw new Error("bad password");
  await rememberDevice({ member, payload, deviceId });
  await countVisit(payload, member);
  return member;
}

import type { Payload } from "payload";

type Member = { id: string; devices?: { id: string; seenAt: Date }[]; visits: number; updatedAt?: Date | null };

// The member was read by the caller; the new device is appended to that copy
// and the whole document written back.
export async function rememberDevice({ member, payload, deviceId }: { member: Member; payload: Payload; deviceId: string }) {
  const device = { id: deviceId, seenAt: new Date() };
  if (!member.devices?.length) {
    member.devices = [device];
  } else {
    member.devices = member.devices.filter((d) => d.id !== deviceId);
    member.devices.push(device);
  }
  member.updatedAt = null;
  await payload.db.updateOne({ collection: "members", id: member.id, data: member }); // expect: check-then-act
}

// A counter computed from the caller's copy.
export async function countVisit(payload: Payload, member: Member) {
  await payload.update({ collection: "members", id: member.id, data: { visits: member.visits + 1 } }); // expect: check-then-act
}

import mongoose from "mongoose";

type Device = { token: string };
const Owner = mongoose.model("Owner", new mongoose.Schema({ id: String, devices: [{ token: String }] }));

// some() tests membership, and $addToSet adds the token once whatever
// happened in between.
export async function registerDevice(id: string, token: string) {
  const owner = await Owner.findOne({ id });
  if (!owner) return;
  const known = (owner.devices as Device[]).some((d) => d.token === token);
  if (known) return;
  await Owner.updateOne({ id }, { $addToSet: { devices: { token } } });
}

// No key covers (channelId, role): two concurrent calls both make one.
export async function addOwner(models: any, channelId: string, memberId: string) {
  const existing = await models.ChannelMembers.findOne({ channelId, role: "owner" });
  if (existing) throw new Error("the channel has an owner");
  return models.ChannelMembers.create({ channelId, memberId, role: "owner" }); // expect: find-or-create-race
}

// The compound index makes (channelId, memberId) unique: a second join
// fails on the key, as the check meant it to.
export async function join(models: any, channelId: string, memberId: string) {
  const existing = await models.ChannelMembers.findOne({ channelId, memberId });
  if (existing) throw new Error("already a member");
  return models.ChannelMembers.create({ channelId, memberId });
}

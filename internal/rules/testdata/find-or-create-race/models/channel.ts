import { Schema } from "mongoose";

export const channelMemberSchema = new Schema({
  channelId: { type: String, required: true },
  memberId: { type: String, required: true },
  role: { type: String },
});
channelMemberSchema.index({ channelId: 1, memberId: 1 }, { unique: true });

export const loadChannelMemberClass = () => {
  class ChannelMember {}
  channelMemberSchema.loadClass(ChannelMember);
  return channelMemberSchema;
};

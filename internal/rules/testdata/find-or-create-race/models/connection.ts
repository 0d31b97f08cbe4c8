import type { Connection } from "mongoose";
import { loadChannelMemberClass } from "./channel";

export const loadModels = (db: Connection) => {
  const models: Record<string, any> = {};
  models.ChannelMembers = db.model("channel_members", loadChannelMemberClass());
  return models;
};

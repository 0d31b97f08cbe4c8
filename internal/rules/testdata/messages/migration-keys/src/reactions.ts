import { Repository } from "typeorm";
import { StarboardReaction } from "./reaction.entity";

export class Reactions {
  constructor(private repo: Repository<StarboardReaction>) {}

  async add(messageId: string, reactorId: string) {
    const existing = await this.repo.findOne({ where: { message_id: messageId, reactor_id: reactorId } });
    if (existing) return existing;
    return this.repo.save({ message_id: messageId, reactor_id: reactorId, emoji: "star" });
  }

  async addEmoji(messageId: string, emoji: string) {
    const existing = await this.repo.findOne({ where: { message_id: messageId, emoji } });
    if (existing) return existing;
    return this.repo.save({ message_id: messageId, reactor_id: "bot", emoji });
  }
}

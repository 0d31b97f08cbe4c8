import { api } from "./api";

export async function loadProfilePage(userId: string) {
  const profile = await api.getProfile(userId); // expect: sequential-awaits
  const followers = await api.getFollowers(userId);
  const { items: posts } = await api.getRecentPosts(userId, { limit: 10 });
  return { profile, followers, posts };
}

export class Reports {
  constructor(private readonly orders: { findAll(q: object): Promise<unknown[]> }, private readonly refunds: { findAll(q: object): Promise<unknown[]> }) {}

  async monthly(month: string) {
    let orders: unknown[] = [];
    orders = await this.orders.findAll({ month }); // expect: sequential-awaits
    const refunds = await this.refunds.findAll({ month });
    return { orders, refunds };
  }
}

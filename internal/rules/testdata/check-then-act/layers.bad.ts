import { createClient } from "@supabase/supabase-js";
import type { Payload } from "payload";
import { InjectRepository } from "@nestjs/typeorm";
import type { Repository } from "typeorm";
import { pointsRow, storePoints } from "./lib/points";

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

// The check is in one helper and the write in another, in another file.
export async function redeemReward(memberId: string, cost: number) {
  const row = await pointsRow(memberId);
  if (row.points < cost) throw new Error("not enough points");
  await storePoints(memberId, row.points - cost); // expect: check-then-act
}

// Payload Local API.
export async function spend(payload: Payload, walletId: string, amount: number) {
  const wallet = await payload.findByID({ collection: "wallets", id: walletId });
  if (wallet.balance < amount) throw new Error("insufficient funds");
  await payload.update({ collection: "wallets", id: walletId, data: { balance: wallet.balance - amount } }); // expect: check-then-act
}

// supabase-js.
export async function useCoupon(code: string) {
  const { data: coupon } = await supabase.from("coupons").select("*").eq("code", code).single();
  if (coupon.uses >= coupon.max_uses) throw new Error("coupon used up");
  await supabase.from("coupons").update({ uses: coupon.uses + 1 }).eq("code", code); // expect: check-then-act
}

class Seat {
  id!: string;
  left!: number;
}

// An injected repository used through private methods of the class.
export class SeatService {
  constructor(@InjectRepository(Seat) private readonly seats: Repository<Seat>) {}

  private async seatsLeft(eventId: string) {
    return this.seats.findOneBy({ id: eventId });
  }

  private async setSeatsLeft(eventId: string, left: number) {
    await this.seats.update({ id: eventId }, { left });
  }

  async book(eventId: string) {
    const seat = await this.seatsLeft(eventId);
    if (!seat || seat.left <= 0) throw new Error("sold out");
    await this.setSeatsLeft(eventId, seat.left - 1); // expect: check-then-act
  }
}

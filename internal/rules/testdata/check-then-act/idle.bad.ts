import { Repository } from "typeorm";
import { Session } from "./entities/session";

const MINUTE = 60_000;

export class LeaseService {
  constructor(private readonly sessions: Repository<Session>) {}

  // The new lease is computed from the lease read: two racing renewals
  // both extend the same old value, and one extension is lost.
  async renew(id: string) {
    const session = await this.sessions.findOneBy({ id });
    if (!session) return;
    const left = session.leaseUntil - Date.now();
    if (left > 0 && left < 5 * MINUTE) {
      session.leaseUntil = session.leaseUntil + 30 * MINUTE;
      await this.sessions.save(session); // expect: check-then-act
    }
  }
}

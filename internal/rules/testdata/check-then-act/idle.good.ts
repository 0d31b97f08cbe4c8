import { Repository } from "typeorm";
import { Session } from "./entities/session";

const MINUTE = 60_000;
const LEASE_MS = 30 * MINUTE;

export class LeaseService {
  constructor(private readonly sessions: Repository<Session>) {}

  // Renewing a lease that has little time left: every renewal writes
  // now + LEASE_MS, so racing renewals converge.
  async renew(id: string) {
    const session = await this.sessions.findOneBy({ id });
    if (!session) return;
    const left = session.leaseUntil - Date.now();
    if (left > 0 && left < 5 * MINUTE) {
      session.leaseUntil = Date.now() + LEASE_MS;
      await this.sessions.save(session);
    }
  }
}

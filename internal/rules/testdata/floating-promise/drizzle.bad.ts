import { asc } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import * as schema from "./schema";

const db = drizzle(process.env.DATABASE_URL ?? "", { schema });

// The repository returns drizzle's relational query: a database read that
// rejects when the database does, whatever drizzle's types are called.
class AppRepository {
  async getApps() {
    return db.query.apps.findMany({ orderBy: asc(schema.apps.name), with: { store: true } });
  }
}

export class Lifecycle {
  constructor(private readonly repo: AppRepository) {}

  async startAll(): Promise<number> {
    const apps = await this.repo.getApps();
    return apps.length;
  }

  boot(): void {
    this.startAll(); // expect: floating-promise
  }
}

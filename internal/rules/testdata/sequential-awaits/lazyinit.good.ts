import type { DataSource, ObjectLiteral, Repository } from "typeorm";

class Database {
  constructor(private readonly dataSource: DataSource) {}

  isInitialized(): boolean {
    return this.dataSource.isInitialized;
  }

  async connect(): Promise<DataSource> {
    if (!this.isInitialized()) {
      await this.dataSource.initialize();
    }
    return this.dataSource;
  }

  // Connects on the first call only; after that it hands out a repository
  // from memory.
  async getRepository<T extends ObjectLiteral>(entity: { new (): T }): Promise<Repository<T>> {
    if (!this.isInitialized()) {
      await this.connect();
    }
    return this.dataSource.getRepository<T>(entity);
  }
}

class Space {}
class Member {}

export class Spaces {
  constructor(private readonly db: Database) {}

  async repositories() {
    const spaces = await this.db.getRepository(Space);
    const members = await this.db.getRepository(Member);
    return { spaces, members };
  }
}

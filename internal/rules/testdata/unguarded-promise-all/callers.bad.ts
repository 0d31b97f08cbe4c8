import { Transactional } from "typeorm-transactional";
import { Repository } from "typeorm";

type File = { id: string; tag: string };

// One caller runs in a transaction, the other does not.
export class TagService {
  constructor(private readonly files: Repository<File>) {}

  @Transactional()
  async retagInTransaction(ids: string[], tag: string) {
    await this.retag(ids, tag);
  }

  async retagNow(ids: string[], tag: string) {
    await this.retag(ids, tag);
  }

  private async retag(ids: string[], tag: string) {
    await Promise.all(ids.map((id) => this.files.increment({ id }, "tagCount", 1))); // expect: unguarded-promise-all
  }
}

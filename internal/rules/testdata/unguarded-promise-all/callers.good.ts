import { Transactional } from "typeorm-transactional";
import { Repository } from "typeorm";

type File = { id: string; folder: string };

// moveAll is only ever called from methods that run in a transaction (the
// decorator propagates it to every query they make): a rejection rolls
// every write back.
export class FileService {
  constructor(private readonly files: Repository<File>) {}

  @Transactional()
  async moveFiles(ids: string[], folder: string) {
    await this.moveAll(ids, folder);
  }

  @Transactional()
  async archive(ids: string[]) {
    await this.moveAll(ids, "archive");
  }

  private async moveAll(ids: string[], folder: string) {
    await Promise.all(ids.map((id) => this.files.update(id, { folder })));
  }
}

import * as fs from "node:fs";
import path from "node:path";

// The existence helpers are the project's own: a method that turns a
// rejected access into false, and a function that maps the outcome with
// then/catch. Whatever their names, they check the path.
export class AssetStore {
  constructor(private readonly root: string) {}

  private async present(p: string): Promise<boolean> {
    try {
      await fs.promises.access(p);
      return true;
    } catch {
      return false;
    }
  }

  async deleteAsset(userId: string, assetId: string): Promise<void> {
    const dir = path.join(this.root, userId, assetId);
    if (!(await this.present(dir))) {
      return;
    }
    await fs.promises.rm(dir, { recursive: true }); // expect: fs-check-then-use
  }

  async readManifest(userId: string): Promise<string | null> {
    const file = path.join(this.root, userId, "manifest.json");
    if (!(await reachable(file))) {
      return null;
    }
    return fs.promises.readFile(file, "utf8"); // expect: fs-check-then-use
  }
}

function reachable(p: string): Promise<boolean> {
  return fs.promises.stat(p).then(() => true).catch(() => false);
}

import { db } from "./db";

// Each request loads or builds its own Alias: the lazily assigned _id of
// one instance is never seen by another call.
export class Alias {
  private _id?: string;
  private row: Record<string, unknown>;

  constructor(row: Record<string, unknown> = {}) {
    this.row = row;
  }

  get data(): Record<string, unknown> {
    return { ...this.row, _id: this._id };
  }

  static async get(name: string): Promise<Alias> {
    const row = await db.aliases.findOne({ name });
    return new Alias(row ?? {});
  }

  async save(): Promise<Alias> {
    if (!this._id) {
      const inserted = await db.aliases.insert(this.data);
      this._id = inserted._id;
    } else {
      await db.aliases.update({ _id: this._id }, this.data);
    }
    return this;
  }
}

export async function rename(name: string, to: string): Promise<void> {
  const alias = await Alias.get(name);
  alias.data.name = to;
  await alias.save();
}

export async function create(name: string): Promise<string> {
  const alias = new Alias({ name });
  await alias.save();
  return name;
}

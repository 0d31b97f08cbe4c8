import { Pool } from "pg";

const pool = new Pool();

// The instance hands out functions that call its own methods: they run
// interleaved on the one instance, and each creates the HTML.
class Diff {
  private html: string | null = null;

  constructor(private readonly padId: string) {}

  async getHtml(): Promise<string> {
    if (this.html != null) {
      return this.html;
    }
    const { rows } = await pool.query("SELECT text FROM revisions WHERE pad = $1", [this.padId]);
    this.html = await createHtml(rows.map((r) => r.text as string)); // expect: async-init-race
    return this.html;
  }

  async sections(ids: string[]): Promise<string[]> {
    return Promise.all(ids.map(async (id) => `${id}: ${await this.getHtml()}`));
  }
}

async function createHtml(texts: string[]): Promise<string> {
  const { rows } = await pool.query("INSERT INTO renders (texts, html) VALUES ($1, render_diff($1)) RETURNING html", [texts]);
  return rows[0].html;
}

export async function diffSections(padId: string, ids: string[]): Promise<string[]> {
  let diff: Diff;
  diff = new Diff(padId);
  return diff.sections(ids);
}

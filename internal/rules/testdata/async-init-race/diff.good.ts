import { Pool } from "pg";

const pool = new Pool();

// One Diff per request: its lazily created HTML is never shared.
class Diff {
  private html: string | null = null;

  constructor(private readonly padId: string, private readonly revs: number[]) {}

  async getHtml(): Promise<string> {
    if (this.html != null) {
      return this.html;
    }
    const rows = await Promise.all(this.revs.map((r) => pool.query("SELECT text FROM revisions WHERE pad = $1 AND rev = $2", [this.padId, r])));
    this.html = await createHtml(rows.map((r) => r.rows[0].text as string));
    return this.html;
  }
}

async function createHtml(texts: string[]): Promise<string> {
  const { rows } = await pool.query("SELECT render_diff($1) AS html", [texts]);
  return rows[0].html;
}

export async function diffHtml(padId: string, revs: number[]): Promise<string> {
  let diff: Diff;
  diff = new Diff(padId, revs);
  return diff.getHtml();
}

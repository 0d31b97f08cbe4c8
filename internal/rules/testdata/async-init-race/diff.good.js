const { Pool } = require("pg");

const pool = new Pool();

// One Diff per request (assigned to a variable declared before it): its
// lazily created HTML is never shared. The function it hands to map only
// reads its fields, so nothing of the instance runs interleaved.
class Diff {
  constructor(pad, revs) {
    this.pad = pad;
    this.revs = revs;
    this.html = null;
  }

  async getHtml() {
    if (this.html != null) {
      return this.html;
    }
    const rows = await Promise.all(this.revs.map((r) => pool.query("SELECT text FROM revisions WHERE pad = $1 AND rev = $2", [this.pad.id, r])));
    this.html = await createHtml(rows);
    return this.html;
  }
}

async function createHtml(rows) {
  const { rows: out } = await pool.query("SELECT render_diff($1) AS html", [rows.map((r) => r.rows[0].text)]);
  return out[0].html;
}

async function diffHtml(pad, revs) {
  let diff;
  try {
    diff = new Diff(pad, revs);
  } catch (err) {
    throw new Error(`bad revisions: ${err.message}`);
  }
  return diff.getHtml();
}

module.exports = { diffHtml };

const { Pool } = require("pg");

const pool = new Pool();

async function appendNote(client, account, note) {
  await client.query("UPDATE accounts SET notes = $1 WHERE id = $2", [[...account.notes, note], account.id]);
}

// The caller holds the row lock from the read to the write.
async function addNote(accountId, note) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query("SELECT * FROM accounts WHERE id = $1 FOR UPDATE", [accountId]);
    await audit(accountId);
    await appendNote(client, rows[0], note);
    await client.query("COMMIT");
  } finally {
    client.release();
  }
}

// The value handed over is the request's, not the stored one.
async function replaceNotes(accountId, notes) {
  const { rows } = await pool.query("SELECT id FROM accounts WHERE id = $1", [accountId]);
  await audit(accountId);
  await appendNote(pool, { id: rows[0].id, notes }, "");
}

async function audit(id) {
  await fetch("https://audit.example.com/" + id);
}

module.exports = { addNote, replaceNotes };

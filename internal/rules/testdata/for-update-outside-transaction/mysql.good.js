// The same with the mysql2 callback-free API in JavaScript.
const mysql = require("mysql2/promise");

const pool = mysql.createPool({ uri: process.env.DATABASE_URL });

async function takeJob(queue) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    const [rows] = await conn.query("SELECT id FROM jobs WHERE queue = ? ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED", [queue]);
    if (rows.length === 0) {
      await conn.commit();
      return null;
    }
    await conn.query("DELETE FROM jobs WHERE id = ?", [rows[0].id]);
    await conn.commit();
    return rows[0].id;
  } finally {
    conn.release();
  }
}

module.exports = { takeJob };

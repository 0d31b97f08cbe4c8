const fs = require('fs');
const path = require('path');
const { pool } = require('./db');

async function main() {
  const schema = fs.readFileSync(path.join(__dirname, '..', 'schema.sql'), 'utf8');
  await pool.query(schema);
  await pool.end();
  console.log('schema applied');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

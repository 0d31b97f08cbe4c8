const { Pool } = require('pg');

// Connection settings come from the usual PG* environment variables.
const pool = new Pool({ max: 20 });

pool.on('error', (err) => {
  console.error('idle client error', err);
});

module.exports = { pool };

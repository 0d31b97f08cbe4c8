const { Pool } = require("pg");

// The same factory, only ever built on the pool: each query may run on
// its own connection, and the row lock ends with the statement.
const createKeyQueries = (pool) => {
  const lockKeys = async () => pool.query("SELECT value FROM configs WHERE key = 'keys' FOR UPDATE"); // expect: for-update-outside-transaction
  return { lockKeys };
};

const queries = createKeyQueries(new Pool());

module.exports = { queries };

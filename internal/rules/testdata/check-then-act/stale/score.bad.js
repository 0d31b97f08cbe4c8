const { Pool } = require("pg");

const pool = new Pool();

// The new score is computed from the score the caller read.
async function addScore(playerId, score, points) {
  await pool.query("UPDATE players SET score = $1 WHERE id = $2", [score + points, playerId]); // expect: check-then-act
}

async function finishRound(playerId, points) {
  const { rows } = await pool.query("SELECT score FROM players WHERE id = $1", [playerId]);
  await announce(playerId, points);
  await addScore(playerId, rows[0].score, points);
}

async function announce(playerId, points) {
  await fetch(`https://feed.example.com/${playerId}?points=${points}`);
}

module.exports = { finishRound };

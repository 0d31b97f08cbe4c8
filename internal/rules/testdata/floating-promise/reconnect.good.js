// The same in JavaScript, with two functions calling each other.
async function connect(dial, id, n) {
  try {
    await dial(id);
  } catch (e) {
    await reconnect(dial, id, n);
  }
}

async function reconnect(dial, id, n) {
  if (n < 5) {
    await connect(dial, id, n + 1);
  }
}

function connectAll(dial, ids) {
  for (const id of ids) {
    setTimeout(() => connect(dial, id, 0), 0);
  }
}

module.exports = { connectAll };

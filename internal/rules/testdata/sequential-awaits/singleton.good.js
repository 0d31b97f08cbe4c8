let clientPromise;

// The promise of the one connection, made on first use.
function getClient(connect) {
  if (!clientPromise) {
    clientPromise = connect();
  }
  return clientPromise;
}

async function start(connect, db, id) {
  const client = await getClient(connect);
  const user = await db.user.findFirst({ where: { id } });
  return [client, user];
}

module.exports = { start };

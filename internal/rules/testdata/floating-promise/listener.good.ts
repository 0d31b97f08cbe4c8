import { Pool, PoolClient } from "pg";

// Stops listening and gives the client back; every step that can fail is
// caught, and PoolClient.release() returns no promise.
export function startListening(pool: Pool) {
  let listenClient: PoolClient | null = null;

  const unlisten = async () => {
    if (listenClient) {
      const client = listenClient;
      listenClient = null;
      try {
        await client.query('UNLISTEN "jobs"');
      } catch (e) {
        // the connection may already be gone
      }
      await client.release();
    }
  };

  pool.connect().then(
    (c) => {
      listenClient = c;
    },
    () => {},
  );

  return {
    stop() {
      unlisten();
    },
  };
}

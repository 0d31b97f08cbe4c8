import type { Pool, PoolClient } from "pg";

// The connection arrives in a callback, possibly after stop() ran: it is
// kept and never given back.
export function startListener(pool: Pool, onEvent: () => void) {
  let listener: PoolClient | null = null;

  const stop = async () => {
    if (listener) {
      const client = listener;
      listener = null;
      await client.release();
    }
  };

  const onConnect = (err: Error | undefined, client: PoolClient) => {
    if (err) {
      return;
    }
    listener = client; // expect: shared-state-across-await
    client.on("notification", onEvent);
    client.query("LISTEN events");
  };

  pool.connect(onConnect);
  return { stop };
}

import http from "node:http";

// Every caller hands createClosedPromise a callback that only logs, so
// the awaited cb() cannot reject and neither can the listener.
export function createClosedPromise(server: http.Server, cb: () => Promise<void> | void) {
  return new Promise<void>((resolve) => {
    server.once("close", async () => {
      await cb();
      resolve();
    });
  });
}

const server = http.createServer();
const admin = http.createServer();

export const closed = createClosedPromise(server, () => {
  console.info("server exited");
});
export const adminClosed = createClosedPromise(admin, async () => {
  try {
    await fetch("http://localhost:9000/deregister", { method: "POST" });
  } catch (err) {
    console.error(err);
  }
});

import http from "node:http";

// One caller's callback can reject: the listener's promise can too.
export function createClosedPromise(server: http.Server, cb: () => Promise<void> | void) {
  return new Promise<void>((resolve) => {
    server.once("close", async () => { // expect: floating-promise
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
  await fetch("http://localhost:9000/deregister", { method: "POST" });
});

// A service worker: it runs in the browser, where a rejection nobody
// handles is logged in the console; no Node process ends.
self.addEventListener("install", () => {
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener("message", async (event) => {
  const windows = await self.clients.matchAll({ type: "window" });
  for (const client of windows) {
    reply(client, { type: "PONG", from: event.source && event.source.id });
  }
});

function reply(client, message) {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e) => (e.data && e.data.error ? reject(e.data.error) : resolve(e.data));
    client.postMessage(message, [channel.port2]);
  });
}

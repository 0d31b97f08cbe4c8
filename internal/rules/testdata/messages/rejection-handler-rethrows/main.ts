import { start } from "./jobs";

// The rejection handler rethrows, so a rejection reaches the
// uncaughtException listener, which shuts down and exits.
process.on("unhandledRejection", (reason) => {
  throw reason;
});

process.on("uncaughtException", (err) => {
  console.error(err);
  shutdown().finally(() => process.exit(1));
});

async function shutdown(): Promise<void> {}

start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");

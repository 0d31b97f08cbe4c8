import { start } from "./jobs";

// No unhandledRejection listener: Node raises the rejection as an
// uncaught exception, and this listener logs it and goes on.
process.on("uncaughtException", (err) => {
  console.error("uncaught", err);
});

start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");

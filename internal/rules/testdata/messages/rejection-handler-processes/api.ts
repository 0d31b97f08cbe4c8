import { start } from "./jobs";

// The API process exits on any unhandled rejection.
process.on("unhandledRejection", (reason) => {
  console.error(reason);
  process.exit(1);
});

start({ query: async () => {} }, "api");

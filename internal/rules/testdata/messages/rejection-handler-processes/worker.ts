import { start } from "./jobs";

// The worker process logs them and goes on: what holds in both processes
// is that a failed read does not end the program.
process.on("unhandledRejection", (reason) => {
  console.error(reason);
});

start({ query: async () => {} }, "worker");

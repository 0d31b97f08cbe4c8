import { start } from "./jobs";

process.on("unhandledRejection", (reason) => {
  console.error("unhandled rejection", reason);
  process.exit(1);
});

start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");

import { start } from "./jobs";

process.on("unhandledRejection", (reason) => {
  console.error("unhandled rejection", reason);
});

start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");

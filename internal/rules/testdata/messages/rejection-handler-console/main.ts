import { start } from "./jobs";

process.on("unhandledRejection", console.error);

start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");

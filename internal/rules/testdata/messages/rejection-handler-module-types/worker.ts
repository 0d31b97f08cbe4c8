import { start } from "./jobs";

start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");

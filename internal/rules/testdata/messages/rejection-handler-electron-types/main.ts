import type { App } from "electron";
import { start } from "./jobs";

export let current: App | undefined;
start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");

import { app } from "electron";
import { start } from "./jobs";

app.setName("jobs");
start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");

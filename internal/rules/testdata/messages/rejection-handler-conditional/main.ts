import { start } from "./jobs";

// Installed only where error reporting is configured: a run without it
// still ends on an unhandled rejection.
if (process.env.SENTRY_DSN) {
  process.on("unhandledRejection", (reason) => {
    console.error("unhandled rejection", reason);
  });
}

start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");

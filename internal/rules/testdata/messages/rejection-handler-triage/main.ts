import { start } from "./jobs";

// Logs the errors it knows to be transient and goes on; exits on the
// others. The process goes on after some rejections.
process.on("unhandledRejection", (reason) => {
  if (reason instanceof Error && reason.name === "TimeoutError") {
    console.warn("timed out", reason.message);
    return;
  }
  console.error("unhandled rejection", reason);
  process.exit(1);
});

start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");

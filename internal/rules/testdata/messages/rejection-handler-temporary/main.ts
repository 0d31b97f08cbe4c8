import { start } from "./jobs";

// A listener held only while the migration runs: afterwards an unhandled
// rejection ends the process again.
async function migrate(): Promise<void> {
  const listener = (reason: unknown) => console.error("migration", reason);
  process.addListener("unhandledRejection", listener);
  await Promise.resolve();
  process.removeListener("unhandledRejection", listener);
}

migrate().then(() => start({ query: async () => {} }, process.env.ACCOUNT_ID ?? ""));

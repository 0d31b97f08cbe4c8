// A command-line script: its handler covers what it loads, not the
// server that runs jobs.ts.
process.on("unhandledRejection", (reason) => {
  console.error("backfill failed", reason);
});

export async function backfill(): Promise<void> {
  console.log("nothing to do");
}

backfill();

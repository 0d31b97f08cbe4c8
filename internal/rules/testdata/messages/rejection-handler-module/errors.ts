// Installed by a module the entry point imports: it covers everything the
// entry point loads.
process.on("unhandledRejection", (reason) => {
  console.error("unhandled rejection", reason);
});

export const installed = true;

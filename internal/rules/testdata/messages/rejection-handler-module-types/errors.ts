// Installed by the API's entry point, which imports only a type from the
// jobs module: that import loads nothing, so the handler does not cover
// the worker that runs the jobs.
process.on("unhandledRejection", (reason) => {
  console.error("unhandled rejection", reason);
});

export const installed = true;

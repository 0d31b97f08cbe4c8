import { start } from "./jobs";

async function main() {
  const errorTypes = ["unhandledRejection", "uncaughtException"];
  errorTypes.forEach((type) => {
    process.on(type, (err) => {
      console.error(`process.on ${type}`, err);
    });
  });
  start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");
}

main();

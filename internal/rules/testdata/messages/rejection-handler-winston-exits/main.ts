import { logger } from "./logger";
import { start } from "./jobs";

logger.info("starting");
start({ query: async () => {} }, process.env.ACCOUNT_ID ?? "");

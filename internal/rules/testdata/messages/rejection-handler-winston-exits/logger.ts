import { createLogger, transports } from "winston";

// Unless told otherwise the handler logs, then ends the process.
export const logger = createLogger({
  transports: [new transports.Console({ handleExceptions: true, handleRejections: true })],
});

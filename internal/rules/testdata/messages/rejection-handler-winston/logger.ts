import winston from "winston";

const options = {
  console: { level: "info", handleExceptions: true },
};

// Since Node 15 an unhandled rejection is raised as an uncaught exception:
// winston's handler logs it, and exitOnError: false keeps the process up.
export const logger = winston.createLogger({
  transports: [new winston.transports.Console(options.console)],
  exitOnError: false,
});

import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "credit-hub" },
    // A bearer token or key must never reach the log.
    redact: ["req.headers.authorization", "token", "key"],
  });
}

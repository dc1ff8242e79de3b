import "reflect-metadata";
import { ConfigError, loadConfig } from "./config";
import { createLogger } from "./shared/logger";
import { startHub } from "./server/hub";

/** Entry: config → hub → wait for SIGINT/SIGTERM → graceful stop. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`credit-hub: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const hub = await startHub(config, logger);
  if (hub.demo) {
    const lines = hub.demo.agencies.map((a) => `  ${a.department.padEnd(22)} ${a.token}`);
    console.log(
      [
        `Demo data loaded: ${hub.demo.enterprises} enterprises, ${hub.demo.penalties} penalties.`,
        `Demo API keys (shown once; \`npx hub demo-seed\` issues new ones):`,
        ...lines,
        ...(hub.demo.subject
          ? [`Demo enterprise key (SUBJECT: ${hub.demo.subject.creditCode} reads its own record, objections and access history):`,
            `  ${"SUBJECT".padEnd(22)} ${hub.demo.subject.token}`]
          : []),
        `Try: curl -s ${hub.url}/graphql -H 'content-type: application/json' \\`,
        `  -H 'authorization: Bearer ${hub.demo.agencies.find((a) => a.department === "EMERGENCY_MANAGEMENT")!.token}' \\`,
        `  -d '{"query":"{ enterprise(creditCode: \\"${hub.demo.firstCreditCode}\\") { name responsiblePersons { role person { name idNumberMasked } } penalties(first: 5) { totalCount edges { node { decisionNumber decidedOn violation } } } } }"}'`,
      ].join("\n"),
    );
  }
  console.log(`credit hub serving ${hub.url}/graphql (${hub.database.mode} database)`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    hub.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((err) => {
  console.error(`credit-hub: failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});

import "reflect-metadata";
import { loadConfig } from "../../src/config";
import { startHub } from "../../src/server/hub";
import { createLogger } from "../../src/shared/logger";

/** One hub for the benchmark, in its own process; BENCH_SHIELDS=off / BENCH_ACCESS_LOG=off build it without them. */
async function main() {
  const config = loadConfig();
  const hub = await startHub(config, createLogger("silent"), {
    shields: process.env.BENCH_SHIELDS !== "off",
    accessLog: process.env.BENCH_ACCESS_LOG !== "off",
  });
  process.stdout.write(`READY ${hub.url}\n`);
  process.on("SIGTERM", () => void hub.stop().then(() => process.exit(0)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

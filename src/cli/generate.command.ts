import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import type { Config } from "../config";
import { withDatabase } from "./with-database";

export function registerGenerateCommand(program: Command, config: () => Config): void {
  program
    .command("generate")
    .description("stream a deterministic province-sized data set into the database with COPY, then grade it")
    .requiredOption("--enterprises <n>", "number of enterprises, e.g. 1000000")
    .option("--seed <s>", "seed of the data set", "1")
    .action(async (opts: { enterprises: string; seed: string }) => {
      const enterprises = Number(opts.enterprises);
      const seed = Number(opts.seed);
      if (!Number.isInteger(enterprises) || enterprises < 1 || enterprises > 2_900_000) throw new Error("--enterprises must be 1 … 2,900,000");
      if (!Number.isInteger(seed)) throw new Error("--seed must be an integer");
      if (config().productionDeclared) throw new Error("generate refuses to run with NODE_ENV=production");
      // PGlite's socket does not carry COPY FROM STDIN; a province-sized set wants a real server anyway.
      if (!config().databaseUrl) throw new Error("generate streams with COPY into a PostgreSQL server: set DATABASE_URL");
      const [{ createServices }, { generate }] = await Promise.all([import("../modules"), import("../tools/demo/generate")]);
      await withDatabase(config(), async ({ dataSource }) => {
        const services = createServices(dataSource, config());
        const { agency } = await services.agency.create({ name: "Generated data", department: "EMERGENCY_MANAGEMENT", regionCode: "320000" });
        const tty = process.stderr.isTTY;
        const bar = new SingleBar({ stream: process.stderr, format: "{bar} {percentage}% | {value}/{total} {task} | {eta_formatted}" });
        const started = Date.now();
        if (tty) bar.start(enterprises, 0, { task: "enterprises" });
        const counts = await generate(dataSource, { enterprises, seed, agencyId: agency.id, onProgress: (d) => tty && bar.update(d) });
        if (tty) bar.stop();
        const copied = (Date.now() - started) / 1000;
        console.log(`copied in ${copied.toFixed(1)} s: ${Object.entries(counts).map(([t, n]) => `${n} ${t}`).join(", ")}`);
        await dataSource.query("ANALYZE");
        if (tty) bar.start(enterprises, 0, { task: "graded" });
        await services.standing.refreshAll({ onProgress: (d) => tty && bar.update(d) });
        if (tty) bar.stop();
        // Freshly written pages have no visibility map: until autovacuum gets there, every count
        // visits the heap (riskAlerts' totalCount took 28 ms instead of 0.6 ms at a million).
        await dataSource.query("VACUUM ANALYZE");
        const [{ size }] = await dataSource.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
        console.log(`generated ${enterprises} enterprises in ${((Date.now() - started) / 1000).toFixed(1)} s (grades and risk included); database size ${size}`);
      });
    });
}

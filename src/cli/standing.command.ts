import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import type { Config } from "../config";
import { createServices } from "../modules";
import { importCsv } from "../tools/import/csv-import";
import { penaltyFeed } from "../modules/penalty/penalty.feed";
import { riskSignalFeed } from "../modules/risk/risk-signal.feed";
import { licenceFeed } from "../modules/licence/licence.feed";
import { withDatabase } from "./with-database";

/** A progress bar on a terminal; nothing when the output is a pipe or a log. */
function progressBar(unit: string): { update(done: number, total: number): void; stop(): void } {
  if (!process.stderr.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ stream: process.stderr, format: `{bar} {percentage}% | {value}/{total} ${unit} | {eta_formatted}`, hideCursor: true });
  let started = false;
  return {
    update(done, total) {
      if (!started) bar.start(total, 0);
      started = true;
      bar.setTotal(total);
      bar.update(done);
    },
    stop: () => started && bar.stop(),
  };
}

export function registerStandingCommands(program: Command, config: () => Config): void {
  program
    .command("refresh")
    .description("bring grades and risk up to date with today (what changes only because time passed)")
    .action(async () => {
      await withDatabase(config(), async ({ dataSource }) => {
        const bar = progressBar("enterprises");
        const started = Date.now();
        const result = await createServices(dataSource, config()).standing.refreshAll({ onProgress: (d, t) => bar.update(d, t) });
        bar.stop();
        console.log(result ? `refreshed ${result.enterprises} enterprises in ${((Date.now() - started) / 1000).toFixed(1)} s` : "another refresh is running; nothing done");
      });
    });

  const importer = program.command("import").description("bulk feeds from other systems (CSV with a header row)");
  const feeds = {
    "risk-signals": "credit_code,type,occurred_on,source[,detail]",
    penalties: "credit_code,decision_number,department,decided_on,violation,penalty_types[,legal_basis,fine_amount,public_until,person_id_number]",
    licences: "credit_code,licence_number,title,department,issued_on[,valid_until]",
  } as const;
  for (const [name, columns] of Object.entries(feeds)) {
    importer
      .command(name)
      .description(`import ${name}: ${columns}`)
      .argument("<file>", "CSV file")
      .option("--batch <rows>", "rows per transaction", "1000")
      .action(async (file: string, opts: { batch: string }) => {
        await withDatabase(config(), async ({ dataSource }) => {
          const services = createServices(dataSource, config());
          const bar = progressBar("bytes");
          const options = { batchSize: Number(opts.batch), onProgress: (d: number, t: number) => bar.update(d, t) };
          const started = Date.now();
          const result = name === "penalties"
            ? await importCsv(dataSource, file, penaltyFeed(config().publication, services.watchlist, services.standing), options)
            : name === "licences"
              ? await importCsv(dataSource, file, licenceFeed(config().rules.licencePublicYears), options)
              : await importCsv(dataSource, file, riskSignalFeed(services.standing), options);
          bar.stop();
          const seconds = (Date.now() - started) / 1000;
          console.log(
            `${result.rows} rows: ${result.written} written, ${result.duplicates} already present, ${result.rejected} rejected` +
              ` (${Math.round(result.rows / Math.max(seconds, 0.001))} rows/s)` +
              (result.reportPath ? `; errors by line in ${result.reportPath}` : ""),
          );
        });
      });
  }
}

import { SingleBar } from "cli-progress";
import { type Command, Option } from "commander";
import type { Config } from "../config";
import type { FeedSpec, ImportFeed } from "../db/import-feed";
import type * as Modules from "../modules";
import type { Services } from "../modules";
import type * as CsvImport from "../tools/import/csv-import";
import { ENCODING_CHOICES, type EncodingChoice } from "../tools/import/encodings";
import { feedHelp, importHelp } from "../tools/import/feed-help";
import type * as PenaltyFeed from "../modules/penalty/penalty.feed";
import type * as RiskSignalFeed from "../modules/risk/risk-signal.feed";
import type * as LicenceFeed from "../modules/licence/licence.feed";
import { withDatabase } from "./with-database";

// Loaded on their first call, not when `hub` starts (see main.ts): every module, TypeORM.
/* eslint-disable @typescript-eslint/no-require-imports */
const createServices: typeof Modules.createServices = (...args) => (require("../modules") as typeof Modules).createServices(...args);
const importCsv: typeof CsvImport.importCsv = (...args) => (require("../tools/import/csv-import") as typeof CsvImport).importCsv(...args);
/* eslint-enable @typescript-eslint/no-require-imports */

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

interface Feed {
  spec: FeedSpec;
  build: (services: Services, config: Config) => ImportFeed<unknown>;
}

/**
 * The feeds `hub import` offers, by subcommand: each one's definition (for its help) and how to
 * build it once the database is open. Loaded only when its command runs or its help is shown,
 * because a feed brings its domain's enums and with them type-graphql (see main.ts).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const FEEDS: Record<string, () => Feed> = {
  "risk-signals": () => {
    const { RISK_SIGNAL_FEED_SPEC, riskSignalFeed } = require("../modules/risk/risk-signal.feed") as typeof RiskSignalFeed;
    return { spec: RISK_SIGNAL_FEED_SPEC, build: (s) => riskSignalFeed(s.standing) };
  },
  penalties: () => {
    const { PENALTY_FEED_SPEC, penaltyFeed } = require("../modules/penalty/penalty.feed") as typeof PenaltyFeed;
    return { spec: PENALTY_FEED_SPEC, build: (s, c) => penaltyFeed(c.publication, s.watchlist, s.standing) };
  },
  licences: () => {
    const { LICENCE_FEED_SPEC, licenceFeed } = require("../modules/licence/licence.feed") as typeof LicenceFeed;
    return { spec: LICENCE_FEED_SPEC, build: (_s, c) => licenceFeed(c.rules.licencePublicYears) };
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

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

  const importer = program
    .command("import")
    .description("bulk feeds from other systems (CSV with a header row)")
    .addHelpText("after", () => importHelp(Object.values(FEEDS).map((load) => load().spec)));
  for (const [name, load] of Object.entries(FEEDS)) {
    importer
      .command(name)
      .description(`import ${name} (columns and rules: hub import ${name} --help)`)
      .argument("<file>", "CSV file")
      .option("--batch <rows>", "rows per transaction (each batch is copied into a staging table, merged and scored in one)", "50000")
      .addOption(new Option("--encoding <encoding>", "the file's encoding").choices(ENCODING_CHOICES).default("auto"))
      .addHelpText("after", () => feedHelp(load().spec))
      .action(async (file: string, opts: { batch: string; encoding: EncodingChoice }) => {
        await withDatabase(config(), async ({ dataSource }) => {
          const feed = load().build(createServices(dataSource, config()), config());
          const bar = progressBar("bytes");
          const started = Date.now();
          const result = await importCsv(dataSource, file, feed, {
            batchSize: Number(opts.batch),
            encoding: opts.encoding,
            onEncoding: (chosen) => console.log(chosen.note),
            onProgress: (d, t) => bar.update(d, t),
          });
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

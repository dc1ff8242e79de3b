import { Command } from "commander";
import type { Config } from "../config";
import type * as ConfigModule from "../config";
import type * as DemoSeed from "../tools/demo/demo-seed.service";
import type * as Modules from "../modules";
import { DomainError } from "../shared/errors";
import { registerAgencyCommands } from "./agency.command";
import { registerAuditCommands } from "./audit.command";
import { registerGenerateCommand } from "./generate.command";
import { registerReportCommands } from "./report.command";
import { registerStandingCommands } from "./standing.command";
import { registerSubjectCommands } from "./subject.command";
import { registerEventCommands } from "./events.command";
import { registerCatalogueCommand } from "./catalogue.command";
import { withDatabase } from "./with-database";

// `hub` defines every command eagerly (so `hub --help` lists them all) but loads what a command
// runs on only when it runs: the domains, TypeORM, type-graphql, zod. The command modules import
// theirs inside their actions (`await import`); these are loaded on their first call, synchronously,
// so that the code calling them reads as if they were imported.
/* eslint-disable @typescript-eslint/no-require-imports */
const loadConfig: typeof ConfigModule.loadConfig = (...args) => (require("../config") as typeof ConfigModule).loadConfig(...args);
const createServices: typeof Modules.createServices = (...args) => (require("../modules") as typeof Modules).createServices(...args);
const seedDemoData: typeof DemoSeed.seedDemoData = (...args) => (require("../tools/demo/demo-seed.service") as typeof DemoSeed).seedDemoData(...args);
/* eslint-enable @typescript-eslint/no-require-imports */

/** The `hub` command. Works with DATABASE_URL or the embedded database, hub running or not. */
export async function runCli(argv: string[]): Promise<void> {
  let config: Config | undefined;
  const getConfig = () => (config ??= loadConfig());
  const program = new Command("hub").description("safety-production credit hub administration");

  program
    .command("migrate")
    .description("apply pending database migrations")
    .action(async () => {
      await withDatabase(getConfig(), async () => console.log("database schema is up to date"));
    });

  registerAgencyCommands(program, getConfig);
  registerSubjectCommands(program, getConfig);
  registerStandingCommands(program, getConfig);
  registerReportCommands(program, getConfig);
  registerAuditCommands(program, getConfig);
  registerEventCommands(program, getConfig);
  registerGenerateCommand(program, getConfig);
  registerCatalogueCommand(program);

  program
    .command("demo-seed")
    .description("load the demo data set (about 200 enterprises) and issue one demo agency per department")
    .action(async () => {
      if (getConfig().productionDeclared) throw new Error("demo-seed refuses to run with NODE_ENV=production");
      await withDatabase(getConfig(), async ({ dataSource }) => {
        const config = getConfig();
        const result = await seedDemoData(dataSource, createServices(dataSource, config), { publication: config.publication, objectionWorkingDays: config.objectionWorkingDays });
        console.log(`demo data: ${result.enterprises} enterprises, ${result.persons} persons, ${result.penalties} penalties`);
        console.log(`first demo enterprise: ${result.firstCreditCode}`);
        for (const a of result.agencies) console.log(`${a.department.padEnd(22)} ${a.token}`);
        if (result.subject) console.log(`${"SUBJECT".padEnd(22)} ${result.subject.token}  (${result.subject.creditCode}'s own key)`);
      });
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof DomainError) throw new Error(`${err.field ? `${err.field}: ` : ""}${err.message}`);
    throw err;
  }
}

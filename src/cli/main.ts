import { Command } from "commander";
import { type Config, loadConfig } from "../config";
import { seedDemoData } from "../tools/demo/demo-seed.service";
import { createServices } from "../modules";
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
        const result = await seedDemoData(dataSource, createServices(dataSource, getConfig()), {
          publication: getConfig().publication, objectionWorkingDays: getConfig().objectionWorkingDays,
        });
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

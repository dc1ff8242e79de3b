import type { Command } from "commander";
import type { Config } from "../config";
import { withDatabase } from "./with-database";

export function registerAuditCommands(program: Command, config: () => Config): void {
  program
    .command("audit")
    .description("the access log")
    .command("verify")
    .description("check the access log's keyed chain, signed checkpoints and head with the key; exit 1 naming every break")
    .action(async () => {
      const [{ AccessLogService }, { loadAuditKey }] = await Promise.all([import("../modules/audit/access-log.service"), import("../modules/audit/audit-key")]);
      const key = loadAuditKey(config());
      await withDatabase(config(), async ({ dataSource }) => {
        const result = await new AccessLogService(dataSource, key).verify();
        if (result.ok) {
          console.log(`access log intact: ${result.checked} records, ${result.checkpoints} signed checkpoints`);
        } else {
          console.log(
            [`access log BROKEN at record ${result.firstBrokenId ?? "none"} (${result.checked} records before it are intact)`, ...result.problems.map((p) => `  ${p}`)].join("\n"),
          );
          process.exitCode = 1;
        }
      });
    });
}

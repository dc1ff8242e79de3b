import type { Command } from "commander";
import type { Config } from "../config";
import { AccessLogService } from "../modules/audit/access-log.service";
import { withDatabase } from "./with-database";

export function registerAuditCommands(program: Command, config: () => Config): void {
  program
    .command("audit")
    .description("the access log")
    .command("verify")
    .description("recompute the access log's hash chain; exit 1 naming the first broken record")
    .action(async () => {
      await withDatabase(config(), async ({ dataSource }) => {
        const result = await new AccessLogService(dataSource).verify();
        if (result.ok) {
          console.log(`access log intact: ${result.checked} records`);
        } else {
          console.log(`access log BROKEN at record ${result.firstBrokenId} (${result.checked} records before it are intact)`);
          process.exitCode = 1;
        }
      });
    });
}

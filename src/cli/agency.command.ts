import type { Command } from "commander";
import type { Config } from "../config";
import { withDatabase } from "./with-database";

export function registerAgencyCommands(program: Command, config: () => Config): void {
  const agency = program.command("agency").description("register, list and revoke agencies");

  agency
    .command("create")
    .description("register an agency and print its API key (shown once)")
    .requiredOption("--name <name>", "agency name")
    .requiredOption("--department <department>", "e.g. EMERGENCY_MANAGEMENT")
    .requiredOption("--region <code>", "GB/T 2260 code: 320000 for the province, 320600 for Nantong …")
    .option("--scopes <scopes>", "comma-separated: read,write", "read")
    .option("--json", "print one JSON line {id, token}")
    .action(async (opts: { name: string; department: string; region: string; scopes: string; json?: boolean }) => {
      const { AgencyService } = await import("../modules/agency/agency.service");
      await withDatabase(config(), async ({ dataSource }) => {
        const { agency: created, token } = await new AgencyService(dataSource).create({
          name: opts.name,
          department: opts.department,
          regionCode: opts.region,
          scopes: opts.scopes.split(",").map((s) => s.trim()).filter(Boolean),
        });
        if (opts.json) {
          console.log(JSON.stringify({ id: created.id, token }));
        } else {
          console.log(`agency ${created.id} (${created.name}, ${created.department}, ${created.regionCode}, ${created.scopes.join(",")})`);
          console.log(`API key (shown once, store it now): ${token}`);
        }
      });
    });

  agency
    .command("list")
    .description("list agencies")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const { AgencyService } = await import("../modules/agency/agency.service");
      await withDatabase(config(), async ({ dataSource }) => {
        const agencies = await new AgencyService(dataSource).list();
        if (opts.json) return console.log(JSON.stringify(agencies));
        for (const a of agencies) {
          const status = a.revokedAt ? `revoked ${a.revokedAt.toISOString()}` : "active";
          console.log(`${a.id}  ${a.department.padEnd(21)} ${a.regionCode}  ${a.scopes.join(",").padEnd(10)} ${status.padEnd(8)} ${a.name}`);
        }
        if (agencies.length === 0) console.log("no agencies yet: hub agency create --help");
      });
    });

  agency
    .command("revoke")
    .description("revoke an agency's key; its calls are refused from now on")
    .argument("<id>", "agency id")
    .action(async (id: string) => {
      const { AgencyService } = await import("../modules/agency/agency.service");
      await withDatabase(config(), async ({ dataSource }) => {
        const revoked = await new AgencyService(dataSource).revoke(id);
        console.log(`revoked agency ${revoked.id} (${revoked.name})`);
      });
    });
}

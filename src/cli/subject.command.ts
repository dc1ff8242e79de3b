import type { Command } from "commander";
import type { Config } from "../config";
import { withDatabase } from "./with-database";

/** `hub subject`: enterprises' own keys (the SUBJECT audience: an enterprise reading its own record and filing objections). */
export function registerSubjectCommands(program: Command, config: () => Config): void {
  const subject = program.command("subject").description("issue, list and revoke enterprises' own keys");

  subject
    .command("create")
    .description("issue a key for an enterprise and print it (shown once)")
    .requiredOption("--credit-code <code>", "the enterprise's unified social credit code")
    .option("--json", "print one JSON line {id, creditCode, token}")
    .action(async (opts: { creditCode: string; json?: boolean }) => {
      const { SubjectService } = await import("../modules/subject/subject.service");
      await withDatabase(config(), async ({ dataSource }) => {
        const { key, token } = await new SubjectService(dataSource).create(opts.creditCode.trim().toUpperCase());
        if (opts.json) return console.log(JSON.stringify({ id: key.id, creditCode: key.creditCode, token }));
        console.log(`subject key ${key.id} for ${key.creditCode} (${key.enterpriseName})`);
        console.log(`key (shown once, hand it to the enterprise now): ${token}`);
      });
    });

  subject
    .command("list")
    .description("list subject keys")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const { SubjectService } = await import("../modules/subject/subject.service");
      await withDatabase(config(), async ({ dataSource }) => {
        const keys = await new SubjectService(dataSource).list();
        if (opts.json) return console.log(JSON.stringify(keys));
        for (const k of keys) {
          const status = k.revokedAt ? `revoked ${new Date(k.revokedAt).toISOString()}` : "active";
          console.log(`${k.id}  ${k.creditCode}  ${status.padEnd(8)} ${k.enterpriseName}`);
        }
        if (keys.length === 0) console.log("no subject keys yet: hub subject create --help");
      });
    });

  subject
    .command("revoke")
    .description("revoke a subject key; its calls are refused from now on")
    .argument("<id>", "subject key id")
    .action(async (id: string) => {
      const { SubjectService } = await import("../modules/subject/subject.service");
      await withDatabase(config(), async ({ dataSource }) => {
        const revoked = await new SubjectService(dataSource).revoke(id);
        console.log(`revoked subject key ${revoked.id} (${revoked.creditCode})`);
      });
    });
}

import type { Command } from "commander";
import type { AgencyActor } from "../auth/actor";
import { DEPARTMENTS, type Department } from "../auth/department.enums";
import type { Config } from "../config";
import { EventService } from "../modules/event/event.service";
import { HubEventKind } from "../modules/event/event.enums";
import { regionCodeProblem } from "../shared/region";
import { withDatabase } from "./with-database";

const KINDS = Object.values(HubEventKind);

/** `hub events tail`: an operator reads a department's event feed from the database, as that department would. */
export function registerEventCommands(program: Command, config: () => Config): void {
  program
    .command("events")
    .description("the event feed (outbox)")
    .command("tail")
    .description("print the events addressed to a department (in a region), oldest first; --follow keeps printing new ones")
    .requiredOption("--department <department>", "e.g. FINANCE")
    .option("--region <code>", "the agency's region: 320000 for the province, a city code for a city", "320000")
    .option("--kinds <kinds>", `comma-separated: ${KINDS.join(",")}`)
    .option("--after <id>", "start after this event id", "0")
    .option("--follow", "keep polling (every second) until interrupted")
    .action(async (opts: { department: string; region: string; kinds?: string; after: string; follow?: boolean }) => {
      if (!DEPARTMENTS.includes(opts.department as Department)) throw new Error(`unknown department ${opts.department}; one of ${DEPARTMENTS.join(", ")}`);
      const problem = regionCodeProblem(opts.region);
      if (problem) throw new Error(`--region: ${problem}`);
      const kinds = opts.kinds ? opts.kinds.split(",").map((k) => k.trim()).filter(Boolean) : null;
      const unknown = (kinds ?? []).filter((k) => !KINDS.includes(k as HubEventKind));
      if (unknown.length) throw new Error(`unknown event kinds ${unknown.join(", ")}`);
      const reader: AgencyActor = {
        kind: "agency", agencyId: "cli", name: "hub CLI", department: opts.department as Department, regionCode: opts.region, scopes: ["read"],
      };
      await withDatabase(config(), async ({ dataSource }) => {
        const events = new EventService(dataSource);
        let after = opts.after;
        let stop = false;
        const interrupt = () => (stop = true);
        process.once("SIGINT", interrupt);
        try {
          do {
            for (;;) {
              const page = await events.feed(reader, kinds as HubEventKind[] | null, after, 100);
              for (const e of page.nodes) console.log(`${e.id}\t${new Date(e.at).toISOString()}\t${e.kind}\t${e.summary}`);
              if (page.nodes.length) after = page.nodes[page.nodes.length - 1].id;
              if (!page.hasNextPage) break;
            }
            if (opts.follow && !stop) await new Promise((r) => setTimeout(r, 1000));
          } while (opts.follow && !stop);
        } finally {
          process.removeListener("SIGINT", interrupt);
        }
      });
    });
}

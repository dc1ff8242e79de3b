import type { Command } from "commander";
import type { AgencyActor } from "../auth/actor";
import type { Department } from "../auth/department.enums";
import type { Config } from "../config";
import type { HubEventKind } from "../modules/event/event.enums";
import { regionCodeProblem } from "../shared/region";
import { withDatabase } from "./with-database";

/**
 * The event kinds, read when they are needed (this command's help, its check of --kinds): the
 * enum module registers GraphQL enums (type-graphql), which `hub --help` must not load. Synchronous
 * because commander builds help text synchronously.
 */
function eventKinds(): HubEventKind[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return Object.values((require("../modules/event/event.enums") as typeof import("../modules/event/event.enums")).HubEventKind);
}

/** `hub events tail`: an operator reads a department's event feed from the database, as that department would. */
export function registerEventCommands(program: Command, config: () => Config): void {
  program
    .command("events")
    .description("the event feed (outbox)")
    .command("tail")
    .description("print the events addressed to a department (in a region), oldest first; --follow keeps printing new ones")
    .requiredOption("--department <department>", "e.g. FINANCE")
    .option("--region <code>", "the agency's region: 320000 for the province, a city code for a city", "320000")
    .option("--kinds <kinds>", "comma-separated event kinds (listed below)")
    .addHelpText("after", () => `\nEvent kinds: ${eventKinds().join(", ")}`)
    .option("--after <id>", "start after this event id", "0")
    .option("--follow", "keep polling (every second) until interrupted")
    .action(async (opts: { department: string; region: string; kinds?: string; after: string; follow?: boolean }) => {
      const [{ DEPARTMENTS }, { EventService }] = await Promise.all([import("../auth/department.enums"), import("../modules/event/event.service")]);
      if (!DEPARTMENTS.includes(opts.department as Department)) throw new Error(`unknown department ${opts.department}; one of ${DEPARTMENTS.join(", ")}`);
      const problem = regionCodeProblem(opts.region);
      if (problem) throw new Error(`--region: ${problem}`);
      const kinds = opts.kinds ? opts.kinds.split(",").map((k) => k.trim()).filter(Boolean) : null;
      const known = eventKinds();
      const unknown = (kinds ?? []).filter((k) => !known.includes(k as HubEventKind));
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

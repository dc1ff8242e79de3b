import type { Command } from "commander";
import { stringify } from "csv-stringify/sync";

const COLUMNS = ["item", "title", "category", "producers", "audiences", "disclosure", "masked"] as const;

/** `hub catalogue`: the credit information catalogue for the credit office to publish (no database needed). */
export function registerCatalogueCommand(program: Command): void {
  program
    .command("catalogue")
    .description("信用信息目录: every readable field with its class, producers, audiences and disclosure, as the shields enforce them")
    .option("--format <format>", "csv or md", "md")
    .action(async (opts: { format: string }) => {
      if (!["csv", "md"].includes(opts.format)) throw new Error("--format is csv or md");
      const [{ CatalogueService }, { buildHubSchema }] = await Promise.all([import("../modules/catalogue/catalogue.service"), import("../server/build-schema")]);
      const items = new CatalogueService().items(await buildHubSchema());
      const rows = items.map((i) => ({ ...i, producers: i.producers.join(" "), audiences: i.audiences.join(" "), masked: i.masked ? "yes" : "no" }));
      if (opts.format === "csv") {
        console.log(stringify(rows, { header: true, columns: [...COLUMNS] }).trimEnd());
        return;
      }
      const cell = (v: string) => v.replaceAll("|", "\\|").replaceAll("\n", " ");
      console.log(["# 安全生产信用信息目录 (credit information catalogue)", "", `| ${COLUMNS.join(" | ")} |`, `|${COLUMNS.map(() => "---").join("|")}|`,
        ...rows.map((r) => `| ${COLUMNS.map((c) => cell(String(r[c]))).join(" | ")} |`)].join("\n"));
    });
}

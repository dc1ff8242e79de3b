import { stringify } from "csv-stringify/sync";
import type { Command } from "commander";
import type { Config } from "../config";
import type { Department } from "../auth/department.enums";
import { withDatabase } from "./with-database";
import type { FeedbackReport } from "../modules/feedback/feedback-report.type";

const COLUMNS = ["department", "regionCode", "measure", "tasksDistributed", "tasksReported", "tasksOverdue", "applied", "partiallyApplied", "notApplied"] as const;
const OBJECTION_COLUMNS = ["department", "filed", "decidedInTime", "decidedLate", "stillOpen", "overdue", "medianDaysToDecide"] as const;

export function registerReportCommands(program: Command, config: () => Config): void {
  const report = program.command("report").description("reports");

  report
    .command("feedback")
    .description("联合惩戒实施情况通报: tasks distributed and feedback per department, region and measure (as feedbackReport, OVERSIGHT view); --published: the archived reports of closed periods")
    .option("--from <date>", "first day, YYYY-MM-DD (with --published: the archived period starting that day)")
    .option("--to <date>", "last day, YYYY-MM-DD")
    .option("--department <department>", "only this department")
    .option("--region <code>", "only this city or county")
    .option("--published", "read the archive (PublishedReport) instead of computing the report now")
    .option("--format <format>", "table or csv", "table")
    .action(async (opts: { from?: string; to?: string; department?: string; region?: string; published?: boolean; format: string }) => {
      const [{ createServices }, { DEPARTMENTS, Department }, { isCalendarDate }] = await Promise.all([import("../modules"), import("../auth/department.enums"), import("../shared/scalars/date.scalar")]);
      for (const key of ["from", "to"] as const) {
        if (opts[key] === undefined ? !opts.published : !isCalendarDate(opts[key])) throw new Error(`--${key} must be a date YYYY-MM-DD`);
      }
      if (opts.department && !DEPARTMENTS.includes(opts.department as Department)) throw new Error(`unknown department ${opts.department}`);
      if (!["table", "csv"].includes(opts.format)) throw new Error("--format is table or csv");
      if (opts.published && (opts.department || opts.region || opts.to)) throw new Error("--published reads whole archived reports: give at most --from");
      await withDatabase(config(), async ({ dataSource }) => {
        const services = createServices(dataSource, config());
        if (opts.published) {
          const archive = await services.publishedReports.list(100, null);
          if (!opts.from) {
            const rows = archive.map((r) => ({
              from: r.from, to: r.to, publishedAt: new Date(r.publishedAt).toISOString(), tasksDistributed: r.report.tasksDistributed,
              tasksReported: r.report.tasksReported, reportingRate: r.report.reportingRate.toFixed(3),
            }));
            if (opts.format === "csv") process.stdout.write(stringify(rows, { header: true, columns: ["from", "to", "publishedAt", "tasksDistributed", "tasksReported", "reportingRate"] }));
            else if (rows.length) console.table(rows);
            else console.log("no report has been published yet: the first is archived when the current period closes");
            return;
          }
          const one = archive.find((r) => r.from === opts.from);
          if (!one) throw new Error(`no published report starts on ${opts.from}; hub report feedback --published lists them`);
          return print(one.report, opts.format, `published ${new Date(one.publishedAt).toISOString()}`);
        }
        // The operator's view is the credit office's: every department.
        const operator = { kind: "agency", agencyId: "cli", name: "hub CLI", department: Department.CREDIT_OFFICE, regionCode: "320000", scopes: ["read"] } as const;
        const report = await services.feedbackReport.report(operator, opts.from!, opts.to!, (opts.department as Department) ?? null, opts.region ?? null);
        print(report, opts.format, "");
      });
    });

  report
    .command("publish")
    .description("archives the 通报 of every closed period not yet published (the running hub does this by itself every hour)")
    .action(async () => {
      const { createServices } = await import("../modules");
      await withDatabase(config(), async ({ dataSource }) => {
        const published = await createServices(dataSource, config()).publishedReports.publishDue();
        console.log(published.length ? `published ${published.map((r) => `${r.from} – ${r.to}`).join(", ")}` : "nothing to publish: every closed period is archived");
      });
    });

  report
    .command("key-supervision")
    .description("重点监管: active key supervision targets and accidents of the last five years, by city and sector")
    .option("--format <format>", "table or csv", "table")
    .action(async (opts: { format: string }) => {
      if (!["table", "csv"].includes(opts.format)) throw new Error("--format is table or csv");
      const { createServices } = await import("../modules");
      await withDatabase(config(), async ({ dataSource }) => {
        const rows = await createServices(dataSource, config()).keySupervision.report();
        if (opts.format === "csv") {
          console.log(stringify(rows, { header: true, columns: ["cityCode", "sector", "activeTargets", "accidentsFiveYears", "majorAccidentsFiveYears"] }).trimEnd());
          return;
        }
        if (rows.length) console.table(rows);
        else console.log("no key supervision targets and no accidents in the last five years");
      });
    });

  report
    .command("objections")
    .description("异议处理情况: objections filed in the period per responsible department: decided in time or late, still open, overdue, median days to decide")
    .requiredOption("--from <date>", "first filing day, YYYY-MM-DD")
    .requiredOption("--to <date>", "last filing day, YYYY-MM-DD")
    .option("--format <format>", "table or csv", "table")
    .action(async (opts: { from: string; to: string; format: string }) => {
      const [{ createServices }, { isCalendarDate }] = await Promise.all([import("../modules"), import("../shared/scalars/date.scalar")]);
      for (const key of ["from", "to"] as const) if (!isCalendarDate(opts[key])) throw new Error(`--${key} must be a date YYYY-MM-DD`);
      if (!["table", "csv"].includes(opts.format)) throw new Error("--format is table or csv");
      // from <= to is the service's rule (a BAD_USER_INPUT on field "from", printed as "from: ...").
      await withDatabase(config(), async ({ dataSource }) => {
        const rows = await createServices(dataSource, config()).objectionReport.report(opts.from, opts.to);
        if (opts.format === "csv") {
          process.stdout.write(stringify(rows, { header: true, columns: [...OBJECTION_COLUMNS] }));
          return;
        }
        console.table(rows);
      });
    });
}

function print(report: FeedbackReport, format: string, note: string): void {
  if (format === "csv") {
    process.stdout.write(stringify(report.rows, { header: true, columns: [...COLUMNS] }));
    return;
  }
  console.table(report.rows);
  console.log(`${report.from} – ${report.to}: ${report.tasksReported} of ${report.tasksDistributed} tasks reported (${(report.reportingRate * 100).toFixed(1)} %)${note ? `; ${note}` : ""}`);
}

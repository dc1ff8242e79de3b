import { DEPARTMENT_NAMES, type Department } from "../../auth/department.enums";
import { today } from "../../shared/clock";
import { cityName, cityOf } from "../../shared/region";
import { escapeHtml as h } from "../../shared/html";
import { horizontalBarChart } from "../../shared/svg-chart";

/** What the report page shows: the `feedbackReport` answer as the caller's /graphql would get it. */
export interface FeedbackReportView {
  from: string;
  to: string;
  tasksDistributed: number;
  tasksReported: number;
  tasksOverdue: number | null;
  reportingRate: number;
  rows: {
    department: Department; regionCode: string; measure: string;
    tasksDistributed: number; tasksReported: number; tasksOverdue: number | null;
    applied: number; partiallyApplied: number; notApplied: number;
  }[];
  mostOverdue: {
    id: string; department: Department; dueOn: string;
    measure: { code: string; title: string } | null;
    blacklistEntry: { enterprise: { name: string; creditCode: string; regionCode: string } | null } | null;
  }[];
}

/** The GraphQL operation the page runs (through the shields, as the caller). */
export const FEEDBACK_REPORT_PAGE_QUERY = `query FeedbackReportPage($from: Date!, $to: Date!, $department: Department, $regionCode: String) {
  feedbackReport(from: $from, to: $to, department: $department, regionCode: $regionCode) {
    from to tasksDistributed tasksReported tasksOverdue reportingRate
    rows { department regionCode measure tasksDistributed tasksReported tasksOverdue applied partiallyApplied notApplied }
    mostOverdue(first: 10) { id department dueOn measure { code title } blacklistEntry { enterprise { name creditCode regionCode } } }
  }
  sanctionMeasures { code title }
}`;

export const departmentName = (d: string): string => DEPARTMENT_NAMES[d as Department] ?? d;

export const percent = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)} %` : "—");

/** Sums the rows by a key: distributed, reported and overdue per department or per city. */
export function totalsBy(rows: FeedbackReportView["rows"], key: (r: FeedbackReportView["rows"][number]) => string) {
  const totals = new Map<string, { distributed: number; reported: number; overdue: number }>();
  for (const r of rows) {
    const t = totals.get(key(r)) ?? { distributed: 0, reported: 0, overdue: 0 };
    t.distributed += r.tasksDistributed;
    t.reported += r.tasksReported;
    t.overdue += r.tasksOverdue ?? 0;
    totals.set(key(r), t);
  }
  return [...totals.entries()].filter(([, t]) => t.distributed > 0).sort(([a], [b]) => a.localeCompare(b, "zh-CN"));
}

/** Outcomes (applied, partially, not) per measure, measures with none left out. */
export function outcomesByMeasure(rows: FeedbackReportView["rows"]): [string, { applied: number; partially: number; not: number }][] {
  const outcomes = new Map<string, { applied: number; partially: number; not: number }>();
  for (const r of rows) {
    const o = outcomes.get(r.measure) ?? { applied: 0, partially: 0, not: 0 };
    o.applied += r.applied;
    o.partially += r.partiallyApplied;
    o.not += r.notApplied;
    outcomes.set(r.measure, o);
  }
  return [...outcomes.entries()].filter(([, o]) => o.applied + o.partially + o.not > 0);
}

export const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

const STYLE = `
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; margin: 24px auto; max-width: 960px; color: #1b1b1b; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 16px; border-left: 4px solid #123a6b; padding-left: 8px; margin: 28px 0 10px; }
.period { color: #555; margin-bottom: 16px; }
.figures { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; }
.figure { border: 1px solid #ccd3dd; border-radius: 6px; padding: 10px 14px; }
.figure .value { font-size: 26px; font-weight: bold; color: #123a6b; } .figure .name { color: #555; font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; } th, td { border: 1px solid #ccd3dd; padding: 4px 8px; text-align: left; }
th { background: #eef2f7; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg.chart { max-width: 100%; height: auto; font-size: 12px; } svg .track { fill: #eef2f7; } svg .bar { fill: #2f6db5; }
.links { font-size: 13px; margin-top: 8px; } .note { color: #666; font-size: 12px; }
@page { size: A4; margin: 15mm; }
@media print { body { margin: 0; max-width: none; } .links { display: none; } h2 { break-after: avoid; } table, svg { break-inside: avoid; } }
`;

/** The implementation report (联合惩戒实施情况通报) as a printable page in Chinese: no script, charts as SVG. */
export function renderFeedbackReportPage(report: FeedbackReportView, measureTitles: ReadonlyMap<string, string>, links: { csv: string; pdf: string | null }): string {
  const byDepartment = totalsBy(report.rows, (r) => r.department);
  const byCity = totalsBy(report.rows, (r) => cityOf(r.regionCode));
  const outcomes = outcomesByMeasure(report.rows);
  const rateBars = (entries: ReturnType<typeof totalsBy>, label: (k: string) => string) =>
    entries.map(([k, t]) => ({ label: label(k), share: t.distributed ? t.reported / t.distributed : 0, note: `${percent(t.reported, t.distributed)}（${t.reported}/${t.distributed}）` }));
  const figure = (name: string, value: string) => `<div class="figure"><div class="value">${h(value)}</div><div class="name">${h(name)}</div></div>`;
  const overdueRows = report.mostOverdue.map((t) => {
    const e = t.blacklistEntry?.enterprise;
    return `<tr><td>${h(e?.name ?? "—")}</td><td>${h(e ? cityName(e.regionCode) : "—")}</td><td>${h(departmentName(t.department))}</td>`
      + `<td>${h(t.measure?.title ?? measureTitles.get(t.measure?.code ?? "") ?? "—")}</td><td>${h(t.dueOn)}</td><td class="n">${daysBetween(t.dueOn, today())}</td></tr>`;
  });
  const outcomeRows = outcomes.map(([code, o]) =>
    `<tr><td>${h(measureTitles.get(code) ?? code)}</td><td class="n">${o.applied}</td><td class="n">${o.partially}</td><td class="n">${o.not}</td><td class="n">${o.applied + o.partially + o.not}</td></tr>`);
  return `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>联合惩戒实施情况通报 ${h(report.from)} 至 ${h(report.to)}</title>
<style>${STYLE}</style></head>
<body>
<h1>安全生产领域失信联合惩戒实施情况通报</h1>
<div class="period">统计期间：${h(report.from)} 至 ${h(report.to)}（按任务下发日期；反馈按落实日期）</div>
<div class="figures" id="figures">
${figure("下发惩戒任务", String(report.tasksDistributed))}
${figure("已反馈任务", String(report.tasksReported))}
${figure("反馈率", percent(report.tasksReported, report.tasksDistributed))}
${figure("逾期未反馈", report.tasksOverdue === null ? "—" : String(report.tasksOverdue))}
</div>
<h2>各部门反馈率</h2>
${horizontalBarChart(rateBars(byDepartment, departmentName), { title: "各部门反馈率", labelWidth: 170 })}
<h2>各设区市反馈率</h2>
${horizontalBarChart(rateBars(byCity, cityName), { title: "各设区市反馈率" })}
<h2>各项惩戒措施落实情况</h2>
${outcomeRows.length ? `<table id="outcomes"><thead><tr><th>惩戒措施</th><th>已落实</th><th>部分落实</th><th>未落实</th><th>合计</th></tr></thead><tbody>${outcomeRows.join("")}</tbody></table>` : `<p class="note">本期无落实情况反馈。</p>`}
<h2>逾期时间最长的十项任务</h2>
${overdueRows.length ? `<table id="overdue"><thead><tr><th>企业</th><th>设区市</th><th>实施部门</th><th>惩戒措施</th><th>应反馈日期</th><th>逾期天数</th></tr></thead><tbody>${overdueRows.join("")}</tbody></table>` : `<p class="note">本期无逾期任务。</p>`}
<p class="links"><a href="${h(links.csv)}">下载 CSV</a>${links.pdf ? ` · <a href="${h(links.pdf)}">下载 PDF</a>` : ""}</p>
<p class="note">数据来源：江苏省安全生产领域信用信息共享平台。本页所示为查询部门有权查看的数据。</p>
</body></html>
`;
}

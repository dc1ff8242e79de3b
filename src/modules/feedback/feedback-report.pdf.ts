import { today } from "../../shared/clock";
import type { ReportFont } from "../credit-report/credit-report-font";
import { openReportPdf } from "../credit-report/report-pdf";
import { cityName, cityOf } from "../../shared/region";
import { daysBetween, departmentName, type FeedbackReportView, outcomesByMeasure, percent, totalsBy } from "./feedback-report.page";

const MARGIN = 48;
const INK = "#1b1b1b";
const MUTED = "#555555";
const ACCENT = "#123a6b";
const TRACK = "#eef2f7";
const BAR = "#2f6db5";

/**
 * The implementation report as an A4 PDF: the page's content, drawn with pdfkit (bars as
 * rectangles), in the hub's embedded CJK font (subset into the file), so that it prints the same
 * anywhere and needs no browser on the server.
 */
export async function renderFeedbackReportPdf(report: FeedbackReportView, measureTitles: ReadonlyMap<string, string>, font: ReportFont): Promise<Buffer> {
  const { doc, finish } = openReportPdf({ size: "A4", margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN }, info: { Title: `联合惩戒实施情况通报 ${report.from} 至 ${report.to}` } }, font);
  const width = doc.page.width - 2 * MARGIN;

  doc.fillColor(INK).fontSize(18).text("安全生产领域失信联合惩戒实施情况通报");
  doc.fillColor(MUTED).fontSize(10).text(`统计期间：${report.from} 至 ${report.to}（按任务下发日期；反馈按落实日期）`).moveDown(0.8);
  const figures: [string, string][] = [
    ["下发惩戒任务", String(report.tasksDistributed)],
    ["已反馈任务", String(report.tasksReported)],
    ["反馈率", percent(report.tasksReported, report.tasksDistributed)],
    ["逾期未反馈", report.tasksOverdue === null ? "—" : String(report.tasksOverdue)],
  ];
  const boxWidth = (width - 3 * 10) / 4;
  const top = doc.y;
  figures.forEach(([name, value], i) => {
    const x = MARGIN + i * (boxWidth + 10);
    doc.roundedRect(x, top, boxWidth, 52, 4).lineWidth(0.6).strokeColor("#ccd3dd").stroke();
    doc.fillColor(ACCENT).fontSize(18).text(value, x + 10, top + 8, { width: boxWidth - 20 });
    doc.fillColor(MUTED).fontSize(9).text(name, x + 10, top + 33, { width: boxWidth - 20 });
  });
  doc.x = MARGIN;
  doc.y = top + 66;

  const bars = (title: string, entries: ReturnType<typeof totalsBy>, label: (k: string) => string) => {
    heading(doc, title);
    if (!entries.length) return void doc.fillColor(MUTED).fontSize(9).text("（无数据）");
    const labelWidth = 110;
    const noteWidth = 110;
    const barWidth = width - labelWidth - noteWidth - 16;
    for (const [key, t] of entries) {
      if (doc.y > doc.page.height - MARGIN - 20) doc.addPage();
      const y = doc.y;
      const share = t.distributed ? t.reported / t.distributed : 0;
      doc.fillColor(INK).fontSize(9).text(label(key), MARGIN, y + 2, { width: labelWidth, align: "right" });
      doc.rect(MARGIN + labelWidth + 8, y + 2, barWidth, 10).fill(TRACK);
      if (share > 0) doc.rect(MARGIN + labelWidth + 8, y + 2, Math.max(1, barWidth * share), 10).fill(BAR);
      doc.fillColor(MUTED).fontSize(9).text(`${percent(t.reported, t.distributed)}（${t.reported}/${t.distributed}）`, MARGIN + labelWidth + barWidth + 16, y + 2, { width: noteWidth });
      doc.x = MARGIN;
      doc.y = y + 16;
    }
  };
  bars("各部门反馈率", totalsBy(report.rows, (r) => r.department), departmentName);
  bars("各设区市反馈率", totalsBy(report.rows, (r) => cityOf(r.regionCode)), cityName);

  heading(doc, "各项惩戒措施落实情况");
  const outcomes = outcomesByMeasure(report.rows);
  if (outcomes.length) {
    table(doc, width, ["惩戒措施", "已落实", "部分落实", "未落实", "合计"], [0.52, 0.12, 0.12, 0.12, 0.12],
      outcomes.map(([code, o]) => [measureTitles.get(code) ?? code, String(o.applied), String(o.partially), String(o.not), String(o.applied + o.partially + o.not)]));
  } else doc.fillColor(MUTED).fontSize(9).text("本期无落实情况反馈。");

  heading(doc, "逾期时间最长的十项任务");
  if (report.mostOverdue.length) {
    const now = today();
    table(doc, width, ["企业", "设区市", "实施部门", "惩戒措施", "应反馈日期", "逾期天数"], [0.26, 0.1, 0.16, 0.24, 0.13, 0.11],
      report.mostOverdue.map((t) => {
        const e = t.blacklistEntry?.enterprise;
        return [e?.name ?? "—", e ? cityName(e.regionCode) : "—", departmentName(t.department), t.measure?.title ?? "—", t.dueOn, String(daysBetween(t.dueOn, now))];
      }));
  } else doc.fillColor(MUTED).fontSize(9).text("本期无逾期任务。");
  doc.moveDown(1).fillColor(MUTED).fontSize(8).text("数据来源：江苏省安全生产领域信用信息共享平台。所示为查询部门有权查看的数据。", MARGIN, doc.y, { width });
  return finish();
}

function heading(doc: PDFKit.PDFDocument, title: string): void {
  if (doc.y > doc.page.height - 120) doc.addPage();
  doc.moveDown(0.8).fillColor(ACCENT).fontSize(12).text(title, MARGIN).moveDown(0.3);
}

/** A plain table: a shaded header row, then one row per line, numbers right-aligned. */
function table(doc: PDFKit.PDFDocument, width: number, header: string[], shares: number[], rows: string[][]): void {
  const widths = shares.map((s) => s * width);
  const line = (cells: string[], head: boolean) => {
    const heights = cells.map((c, i) => doc.fontSize(8.5).heightOfString(c, { width: widths[i] - 8 }));
    const h = Math.max(...heights) + 6;
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    if (head) doc.rect(MARGIN, y, width, h).fill(TRACK);
    cells.forEach((c, i) => {
      const numeric = !head && /^\d+$/.test(c);
      doc.fillColor(INK).fontSize(8.5).text(c, x + 4, y + 3, { width: widths[i] - 8, align: numeric ? "right" : "left" });
      x += widths[i];
    });
    doc.moveTo(MARGIN, y + h).lineTo(MARGIN + width, y + h).lineWidth(0.4).strokeColor("#ccd3dd").stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };
  line(header, true);
  for (const r of rows) line(r, false);
}

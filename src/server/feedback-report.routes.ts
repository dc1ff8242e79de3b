import { stringify } from "csv-stringify/sync";
import { parse } from "graphql";
import { agencyActorOf } from "../auth/identity";
import type { Actor } from "../auth/actor";
import { departmentName, FEEDBACK_REPORT_PAGE_QUERY, type FeedbackReportView, renderFeedbackReportPage } from "../modules/feedback/feedback-report.page";
import { cityName } from "../shared/region";
import { badInput, DomainError, ErrorCode, unavailable } from "../shared/errors";
import { invalidReportLink } from "../modules/feedback/report-link.service";
import { REPORT_FONT_MISSING } from "../modules/credit-report/credit-report-font";
import { renderFeedbackReportPdf } from "../modules/feedback/feedback-report.pdf";
import type { PageRoute } from "./pages";

const DOCUMENT = parse(FEEDBACK_REPORT_PAGE_QUERY);
const PATH = "/reports/feedback";

/** Headers of every report answer: nothing cached by a shared proxy, no script, nothing framed. */
const PRIVATE = { "cache-control": "private, no-store", "x-content-type-options": "nosniff", "referrer-policy": "no-referrer" };
const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * GET /reports/feedback?from=&to=[&department=&regionCode=][&format=html|csv|pdf]: the implementation
 * report (通报) as a page, as the caller (a bearer key, like /graphql) or as the agency that issued
 * `link` (feedbackReportLink; the link fixes the period and filters); format=pdf prints it on A4. The figures are the caller's
 * `feedbackReport` answer itself, read through the shields.
 */
export const feedbackReportPage: PageRoute = async (req, res, url, pages) => {
  if (url.pathname !== PATH) return false;
  if (req.method !== "GET" && req.method !== "HEAD") throw badInput("method", "The report page answers GET.");
  const q = url.searchParams;
  const format = q.get("format") ?? "html";
  if (format !== "html" && format !== "csv" && format !== "pdf") throw badInput("format", "format is html (the default), csv or pdf.");
  const link = q.get("link");
  let actor: Actor;
  let variables: Record<string, unknown>;
  if (link !== null) {
    const { agencyId, scope } = pages.services().reportLinks.open(link);
    const agency = await pages.services().agency.findLive(agencyId);
    if (!agency) throw invalidReportLink();
    actor = agencyActorOf(agency);
    variables = { ...scope };
  } else {
    actor = await pages.actorOf(req);
    if (actor.kind !== "agency") throw new DomainError(ErrorCode.UNAUTHENTICATED, "The report is for departments: send Authorization: Bearer <your agency's key>, or open a link from feedbackReportLink.");
    const from = q.get("from");
    const to = q.get("to");
    if (!from || !to) throw badInput(from ? "to" : "from", "Give the period as ?from=YYYY-MM-DD&to=YYYY-MM-DD.");
    variables = { from, to, department: q.get("department") || null, regionCode: q.get("regionCode") || null };
  }
  const { data, errors } = await pages.run<{ feedbackReport: FeedbackReportView | null; sanctionMeasures: { code: string; title: string }[] | null }>(actor, req, DOCUMENT, variables);
  const report = data?.feedbackReport;
  if (!report) {
    const first = errors[0];
    throw new DomainError((first?.extensions?.code as ErrorCode) ?? ErrorCode.FORBIDDEN, first?.message ?? "The report could not be read.");
  }
  if (format === "csv") {
    const rows = report.rows.map((r) => [departmentName(r.department), cityName(r.regionCode), r.regionCode, r.measure, r.tasksDistributed, r.tasksReported, r.tasksOverdue ?? "", r.applied, r.partiallyApplied, r.notApplied]);
    // A byte order mark, so that Excel on a Chinese Windows opens the UTF-8 file as UTF-8.
    const text = "\uFEFF" + stringify(rows, { header: true, columns: ["部门", "地区", "区划代码", "措施代码", "下发任务", "已反馈", "逾期", "已落实", "部分落实", "未落实"] });
    res.writeHead(200, { ...PRIVATE, "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="feedback-report-${report.from}-${report.to}.csv"` });
    res.end(req.method === "HEAD" ? undefined : text);
    return true;
  }
  const titles = new Map((data?.sanctionMeasures ?? []).map((m) => [m.code, m.title]));
  if (format === "pdf") {
    const font = pages.reportFont();
    if (!font) throw unavailable(REPORT_FONT_MISSING);
    const pdf = await renderFeedbackReportPdf(report, titles, font);
    res.writeHead(200, { ...PRIVATE, "content-type": "application/pdf", "content-length": pdf.length, "content-disposition": `inline; filename="feedback-report-${report.from}-${report.to}.pdf"` });
    res.end(req.method === "HEAD" ? undefined : pdf);
    return true;
  }
  const self = (format: string) => {
    const next = new URLSearchParams(q);
    next.set("format", format);
    return `${PATH}?${next.toString()}`;
  };
  const html = renderFeedbackReportPage(report, titles, { csv: self("csv"), pdf: self("pdf") });
  res.writeHead(200, { ...PRIVATE, "content-type": "text/html; charset=utf-8", "content-security-policy": CSP, "content-length": Buffer.byteLength(html) });
  res.end(req.method === "HEAD" ? undefined : html);
  return true;
};

import QRCode from "qrcode";
import type { CreditReportContent } from "./credit-report.document";
import type { ReportFont } from "./credit-report-font";
import { openReportPdf } from "./report-pdf";
import { label } from "./credit-report.labels";
import { cityName } from "../../shared/region";

type Enterprise = NonNullable<CreditReportContent["enterprise"]>;

/** Everything a report prints: plain data, no database, no GraphQL. */
export interface CreditReportPrint {
  number: string;
  verificationCode: string;
  issuedAt: Date;
  /** Who issued it, as printed (the agency's name and department, or the enterprise itself). */
  issuer: string;
  purpose: string;
  /** The absolute verification URL the QR code encodes. */
  verifyUrl: string;
  /** Where anyone fetches the public key. */
  keyUrl: string;
  /** The hub's signature of the report's header statement (number, credit code, issue time), base64. */
  headerSignature: string;
  enterprise: Enterprise;
  /** The measure catalogue in force (public, read in the report's operation), for the measures' titles. */
  sanctionMeasures: CreditReportContent["sanctionMeasures"];
}

const MARGIN = 50;
const INK = "#1a1a1a";
const MUTED = "#666666";
const ACCENT = "#8b0000";

/** China Standard Time, as the hub's clock reads dates: 2026-12-03 17:23:45. */
export const chinaTime = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().replace("T", " ").slice(0, 19);

/**
 * Renders a credit report to PDF bytes with pdfkit (no browser): A4, the embedded CJK face
 * (pdfkit subsets it: only the glyphs used travel in the file), the QR code of the verification
 * URL beside the title, then the sections. A section whose field the issuer may not read
 * (null) is left out; an empty list says so (无).
 */
export async function renderCreditReport(print: CreditReportPrint, font: ReportFont): Promise<Buffer> {
  const qr = await QRCode.toBuffer(print.verifyUrl, { errorCorrectionLevel: "M", margin: 1, scale: 4 });
  const { doc, finish } = openReportPdf({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `专项信用报告 ${print.number}`, Author: "江苏省安全生产领域信用信息共享平台", Subject: print.enterprise.name, CreationDate: print.issuedAt },
  }, font);
  const width = doc.page.width - 2 * MARGIN;
  const e = print.enterprise;
  // A code without a title (only if a new catalogue version came between the two reads) prints as itself.
  const titles = new Map((print.sanctionMeasures ?? []).map((m) => [m.code, m.title]));
  const measureTitle = (code: string): string => titles.get(code) ?? code;

  // Title block, QR code on the right.
  const qrSize = 92;
  doc.image(qr, doc.page.width - MARGIN - qrSize, MARGIN - 6, { width: qrSize });
  doc.fillColor(ACCENT).fontSize(22).text("专项信用报告", MARGIN, MARGIN, { width: width - qrSize - 10 });
  doc.fillColor(INK).fontSize(11).text("（安全生产领域）江苏省安全生产领域信用信息共享平台", { width: width - qrSize - 10 });
  doc.moveDown(0.6);
  const meta: [string, string][] = [
    ["报告编号", print.number],
    ["验证码", print.verificationCode],
    ["签发时间", `${chinaTime(print.issuedAt)}（北京时间）`],
    ["签发方", print.issuer],
    ["用途", print.purpose],
  ];
  doc.fontSize(10);
  for (const [k, v] of meta) doc.fillColor(MUTED).text(`${k}：`, { continued: true, width: width - qrSize - 10 }).fillColor(INK).text(v);
  const metaEnd = doc.y;
  doc.fillColor(MUTED).fontSize(7.5).text("扫码或访问下方地址核验", doc.page.width - MARGIN - qrSize - 10, MARGIN + qrSize - 2, { width: qrSize + 10, align: "center" });
  doc.x = MARGIN;
  doc.y = Math.max(metaEnd + 6, MARGIN + qrSize + 20);
  rule(doc, width);

  section(doc, "一、基本信息");
  kv(doc, [
    ["企业名称", e.name],
    ["统一社会信用代码", e.creditCode],
    // People read the city; the code stays beside it, as it is the one that identifies a county.
    ["所在地区", `${cityName(e.regionCode)}（${e.regionCode}）`],
    ["行业领域", label("sector", e.sector)],
    ["企业规模", e.scale == null ? null : label("scale", e.scale)],
    ["隶属关系", e.affiliation],
    ["经济类型", e.economicType],
    ["住所", e.address],
    ["登记状态", label("status", e.status)],
  ]);

  if (e.creditGrade !== null || e.gradeDetail !== null || e.riskAssessment) {
    section(doc, "二、信用等级与风险");
    kv(doc, [
      ["信用等级", e.creditGrade ? `${e.creditGrade.grade} 级（自 ${e.creditGrade.effectiveFrom} 起）${e.creditGrade.underObjection ? " 【异议处理中】" : ""}` : null],
      ["监管等级", e.gradeDetail ? `${label("supervisionLevel", e.gradeDetail.supervisionLevel)}，每年检查 ${e.gradeDetail.inspectionsPerYear} 次` : null],
      ["风险评估", e.riskAssessment ? `${label("riskLevel", e.riskAssessment.level)}风险，评分 ${e.riskAssessment.score}（${chinaTime(new Date(e.riskAssessment.assessedAt))}）` : null],
    ]);
  }

  if (e.responsiblePersons) {
    section(doc, "三、主要负责人及责任人员（身份证号已脱敏）");
    list(doc, e.responsiblePersons.map((r) => [
      `${label("role", r.role)}：${r.person?.name ?? "—"}`,
      r.person?.idNumberMasked ? `身份证号 ${r.person.idNumberMasked}` : null,
      r.since ? `任职自 ${r.since}` : null,
    ]));
  }

  if (e.penalties) {
    const shown = e.penalties.edges.length;
    section(doc, `四、行政处罚（共 ${e.penalties.totalCount} 条${e.penalties.totalCount > shown ? `，列出最近 ${shown} 条` : ""}）`);
    list(doc, e.penalties.edges.map(({ node: p }) => [
      `${p.decisionNumber}（${p.decidedOn}，${label("department", p.department)}）`,
      `${p.penaltyTypes.map((t) => label("penaltyType", t)).join("、")}${p.fineAmount ? ` ${p.fineAmount} 元` : ""}`,
      `违法行为：${p.violation}`,
      `失信程度：${label("severity", p.severity)}；${p.isPublic ? `公示至 ${p.publicUntil}` : "不予公示"}`,
      marks([[p.revoked, "已撤销"], [p.repaired, "已信用修复"], [p.underObjection, "异议处理中"]]),
    ]));
  }

  if (e.onBlacklist !== null || e.blacklist || e.onWatchlist !== null || e.watchlist || e.measuresInForce) {
    section(doc, "五、失信名单与惩戒措施");
    kv(doc, [
      ["严重失信主体名单（黑名单）", e.onBlacklist === null ? null : e.onBlacklist ? "在列" : "未列入"],
      ["重点关注名单", e.onWatchlist == null ? null : e.onWatchlist ? "在列" : "未列入"],
      ["正在执行的惩戒措施", e.measuresInForce ? (e.measuresInForce.length ? e.measuresInForce.map(measureTitle).join("、") : "无") : null],
    ]);
    if (e.blacklist?.length) {
      subheading(doc, "黑名单记录");
      list(doc, e.blacklist.map((b) => [
        `${b.decisionNumber}（${b.subjectType === "PERSON" ? `人员：${b.person?.name ?? "—"}` : "企业"}，${label("department", b.recognizedBy)}认定）`,
        `认定情形：${label("ground", b.ground)}；${b.reason}`,
        `列入 ${b.listedOn}，有效期至 ${b.validUntil}；状态：${label("listStatus", b.status)}`,
        marks([[b.underObjection, "异议处理中"]]),
      ]));
    }
    if (e.watchlist?.length) {
      subheading(doc, "重点关注名单记录");
      list(doc, e.watchlist.map((w) => [
        `${label("basis", w.basis)}${w.listedBy ? `（${label("department", w.listedBy)}）` : ""}：${w.reason}`,
        `列入 ${w.listedOn}，有效期至 ${w.validUntil}；状态：${label("listStatus", w.status)}`,
        marks([[w.underObjection, "异议处理中"]]),
      ]));
    }
  }

  if (e.licences) {
    section(doc, "六、行政许可");
    list(doc, e.licences.map((l) => [
      `${l.title}（${l.licenceNumber}）`,
      `${label("department", l.issuedBy)}，${l.issuedOn} 起${l.validUntil ? `至 ${l.validUntil}` : ""}；${label("licenceStatus", l.status)}`,
    ]));
  }

  if (e.objections) {
    section(doc, "七、异议记录");
    list(doc, e.objections.map((o) => [
      `${o.trackingNumber}：${label("objectionTarget", o.target)}`,
      `提出方 ${label("department", o.filedBy)}，${chinaTime(new Date(o.filedAt)).slice(0, 10)} 提出，${label("department", o.responsibleDepartment)}负责，应于 ${o.dueOn} 前办结`,
      `状态：${label("objectionStatus", o.status)}`,
    ]));
  }

  section(doc, "核验与签章");
  doc.fontSize(9).fillColor(INK).text(
    "本报告内容为签发时签发方依其权限可查阅的信用信息，未列出的项目表示签发方无权查阅或无记录。" +
      "平台保存本报告文件及其 SHA-256 摘要，并以平台密钥（Ed25519）对摘要签名；文件的摘要与签名凭报告编号和验证码查验，" +
      "任何改动都会使摘要不符。",
    { width, lineGap: 2 },
  );
  doc.moveDown(0.4);
  kv(doc, [
    ["核验地址", print.verifyUrl],
    ["平台公钥", print.keyUrl],
    ["报告签章", print.headerSignature],
  ], 9);
  doc.fillColor(MUTED).fontSize(7.5).text(`签章为平台对“JSXY-CREDIT-REPORT-HEADER/1、报告编号、统一社会信用代码、签发时间（如 2026-12-03T17:23:45+08:00）”各一行（UTF-8）的 Ed25519 签名。`, { width });

  // Page footers, once every page exists.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fillColor(MUTED).fontSize(8).text(
      `报告编号 ${print.number}    第 ${i + 1} 页 / 共 ${range.count} 页`,
      MARGIN, doc.page.height - MARGIN, { width, align: "center", lineBreak: false },
    );
    doc.page.margins.bottom = bottom;
  }
  return finish();
}

function rule(doc: PDFKit.PDFDocument, width: number): void {
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(0.8).strokeColor(ACCENT).stroke();
  doc.moveDown(0.5);
}

function section(doc: PDFKit.PDFDocument, title: string): void {
  if (doc.y > doc.page.height - 140) doc.addPage();
  doc.moveDown(0.6);
  doc.x = MARGIN;
  doc.fillColor(ACCENT).fontSize(13).text(title);
  doc.moveDown(0.25);
}

function subheading(doc: PDFKit.PDFDocument, title: string): void {
  doc.moveDown(0.3);
  doc.fillColor(INK).fontSize(10.5).text(title);
}

/** Label–value rows; a null value (not readable by the issuer) is left out. */
function kv(doc: PDFKit.PDFDocument, rows: [string, string | null][], size = 10): void {
  doc.fontSize(size);
  for (const [k, v] of rows) {
    if (v === null) continue;
    doc.fillColor(MUTED).text(`${k}：`, MARGIN, doc.y, { continued: true }).fillColor(INK).text(v, { lineGap: 1.5 });
  }
}

/** One numbered paragraph per item, its lines (null ones left out) joined. */
function list(doc: PDFKit.PDFDocument, items: (string | null)[][]): void {
  doc.fontSize(9.5).fillColor(INK);
  if (!items.length) {
    doc.text("无");
    return;
  }
  items.forEach((lines, i) => {
    const [first, ...rest] = lines.filter((l): l is string => l !== null && l !== "");
    doc.fillColor(INK).text(`${i + 1}. ${first}`, MARGIN, doc.y, { lineGap: 1.5 });
    for (const line of rest) doc.fillColor("#333333").text(line, MARGIN + 14, doc.y, { lineGap: 1.5 });
    doc.moveDown(0.3);
  });
}

const marks = (pairs: [boolean | null | undefined, string][]): string | null => {
  const on = pairs.filter(([flag]) => flag).map(([, text]) => `【${text}】`);
  return on.length ? on.join("") : null;
};

import { createPublicKey } from "node:crypto";
import type http from "node:http";
import { parse } from "graphql";
import { PUBLIC } from "../auth/actor";
import { SIGNING_KEY_PATH, VERIFY_PATH } from "../modules/credit-report/credit-report.service";
import { chinaTime } from "../modules/credit-report/credit-report.pdf";
import type { CreditReportVerification } from "../modules/credit-report/credit-report.type";
import { ErrorCode } from "../shared/errors";
import { type PageRoute, sendPageError } from "./pages";
import { escapeHtml } from "../shared/html";

const REPORT_PATH = /^\/credit-reports\/([A-Z0-9-]{1,40})\.pdf$/;
const VERIFY = parse(`query VerifyCreditReport($number: String!, $code: String!) {
  verifyCreditReport(number: $number, verificationCode: $code) { genuine number creditCode enterpriseName issuedAt sha256 signature } }`);
const isRead = (req: http.IncomingMessage) => req.method === "GET" || req.method === "HEAD";

/**
 * GET /credit-reports/<number>.pdf: the stored bytes of an issued report, for whoever issued it
 * (the issuing agency's keys; the enterprise's own keys for a report it issued about itself, see
 * mayFetchReport). Anyone else, the public included, gets the same 404 as for a number never
 * issued, so a report's existence is not revealed. Each download is access-logged (the
 * enterprise, operation CreditReportFile): it hands the report's data out again.
 */
export const creditReportFileRoute: PageRoute = async (req, res, url, pages) => {
  const match = REPORT_PATH.exec(url.pathname);
  if (!match || !isRead(req)) return false;
  const actor = await pages.actorOf(req);
  const context = pages.context(actor, req);
  const report = await context.services.creditReports.storedPdf(actor, match[1]);
  if (!report) {
    sendPageError(res, ErrorCode.NOT_FOUND, "没有这份报告（或您无权获取）。No such report.");
    return true;
  }
  context.audit.enterprise(report.creditCode);
  await pages.logAccess(context, "CreditReportFile");
  res.writeHead(200, {
    "content-type": "application/pdf",
    "content-length": report.pdf.length,
    "content-disposition": `inline; filename="${report.number}.pdf"`,
    "cache-control": "private, no-store",
    "x-content-type-options": "nosniff",
    "x-credit-report-sha256": report.sha256,
    "x-credit-report-signature": report.signature,
  });
  res.end(req.method === "HEAD" ? undefined : report.pdf);
  return true;
};

/** GET /.well-known/credit-report-signing-key: the Ed25519 public key (SPKI PEM; `?format=jwk` for a JWK), open to anyone. */
export const creditReportKeyRoute: PageRoute = async (req, res, url, pages) => {
  if (url.pathname !== SIGNING_KEY_PATH || !isRead(req)) return false;
  const pem = pages.context(PUBLIC, req).services.creditReports.publicKeyPem();
  const jwk = url.searchParams.get("format") === "jwk";
  const body = jwk ? JSON.stringify({ ...createPublicKey(pem).export({ format: "jwk" }), alg: "EdDSA", use: "sig" }) : pem;
  res.writeHead(200, {
    "content-type": jwk ? "application/jwk+json" : "application/x-pem-file",
    "content-length": Buffer.byteLength(body),
    "cache-control": "public, max-age=3600",
    "x-content-type-options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
};

/**
 * GET /verify?number=&code=: the page a report's QR code opens, for anyone. It runs
 * verifyCreditReport as the caller (no key: the public) and says 真实有效 with the number, the
 * enterprise, the issue time, the PDF's SHA-256 and the signature, or 无法验证 and nothing else.
 */
export const creditReportVerifyRoute: PageRoute = async (req, res, url, pages) => {
  if (url.pathname !== VERIFY_PATH || !isRead(req)) return false;
  const number = (url.searchParams.get("number") ?? "").slice(0, 64);
  const code = (url.searchParams.get("code") ?? "").slice(0, 64);
  const actor = await pages.actorOf(req);
  const { data, errors } = await pages.run<{ verifyCreditReport: CreditReportVerification }>(actor, req, VERIFY, { number, code });
  if (errors.length || !data) {
    const [first] = errors;
    sendPageError(res, String(first?.extensions?.code ?? "INTERNAL_SERVER_ERROR"), first?.message ?? "无法完成验证。");
    return true;
  }
  const v = data.verifyCreditReport;
  const rows = v.genuine
    ? [
        ["报告编号", v.number],
        ["企业名称", v.enterpriseName ?? ""],
        ["统一社会信用代码", v.creditCode ?? ""],
        ["签发时间", `${chinaTime(new Date(v.issuedAt!))}（北京时间）`],
        ["PDF 的 SHA-256", v.sha256 ?? ""],
        ["平台签名（Ed25519）", v.signature ?? ""],
      ]
    : [];
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>专项信用报告核验</title><style>body{font-family:sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
.ok{color:#0a6b2d}.no{color:#8b0000}dt{color:#666;margin-top:.6rem}dd{margin:0;word-break:break-all;font-family:monospace}</style></head><body>
<h1>专项信用报告核验</h1>
${v.genuine
    ? `<p class="ok"><strong>真实有效</strong>：该报告由江苏省安全生产领域信用信息共享平台签发。请核对所持 PDF 文件的 SHA-256 与下列摘要一致。</p>
<dl>${rows.map(([k, val]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(val)}</dd>`).join("")}</dl>
<p><a href="${SIGNING_KEY_PATH}">平台公钥</a></p>`
    : `<p class="no"><strong>无法验证</strong>：报告编号与验证码不对应任何已签发的报告。</p>`}
</body></html>`;
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
};

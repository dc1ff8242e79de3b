import { createHash, randomBytes, sign, timingSafeEqual } from "node:crypto";
import type { ExecutionResult } from "graphql";
import type { DataSource } from "typeorm";
import type { Actor } from "../../auth/actor";
import { READ_POLICY } from "../../auth/policy";
import { DomainError, ErrorCode, forbidden, notFound, unavailable } from "../../shared/errors";
import { toCstIso } from "../../shared/scalars/date-time.scalar";
import type { OperationRunner, RequestContext } from "../context";
import type { AdministrativeMatter } from "../enterprise/administrative-matter.enums";
import type { CreditReportKey } from "./credit-report-key";
import { REPORT_FONT_MISSING, type ReportFont } from "./credit-report-font";
import { type CreditReportContent, creditReportDocument } from "./credit-report.document";
import { label } from "./credit-report.labels";
import { renderCreditReport } from "./credit-report.pdf";
import { mayFetchReport, reportNumber, VERIFICATION_CODE_PATTERN, newVerificationCode, normalizeCode } from "./credit-report.rules";
import type { CreditReportIssue, CreditReportVerification, StoredCreditReport } from "./credit-report.type";

export interface CreditReportSettings {
  /** The hub's address as people reach it (config HUB_PUBLIC_URL): the QR code's and the links' base. */
  publicUrl: string;
}

/** What issuing needs from the running hub: the shielded executor, the signing key and the font (hub.ts, at start). */
export interface CreditReportFacilities {
  runOperation: OperationRunner;
  key: CreditReportKey;
  /** Null when the hub started without its CJK font (outside production): issuing is then unavailable. */
  font: ReportFont | null;
}

export const SIGNING_KEY_PATH = "/.well-known/credit-report-signing-key";
export const VERIFY_PATH = "/verify";
export const reportUrl = (number: string): string => `/credit-reports/${number}.pdf`;

const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");
/**
 * What the stored signature signs (UTF-8): the number, the enterprise, the issue time exactly as
 * the API writes it (`2026-12-03T17:23:45+08:00`) and the PDF's hash, one per line. A verifier
 * rebuilds it from verifyCreditReport's answer and the hash of the file it holds.
 */
export const signedStatement = (r: { number: string; creditCode: string; issuedAt: Date; sha256: string }): string =>
  `JSXY-CREDIT-REPORT/1\n${r.number}\n${r.creditCode}\n${toCstIso(r.issuedAt)}\n${r.sha256}\n`;
/**
 * What the signature printed in the PDF signs: the facts on its first lines, same form. The file's
 * own hash cannot be inside the file, so the signature of the hash is served by verification.
 */
export const headerStatement = (r: { number: string; creditCode: string; issuedAt: Date }): string =>
  `JSXY-CREDIT-REPORT-HEADER/1\n${r.number}\n${r.creditCode}\n${toCstIso(r.issuedAt)}\n`;

const COLUMNS = `number, code_hash AS "codeHash", enterprise_id AS "enterpriseId", credit_code AS "creditCode", enterprise_name AS "enterpriseName",
  issuer_kind AS "issuerKind", agency_id AS "agencyId", issued_at AS "issuedAt", sha256, signature`;
// Compared against when the number is unknown, so that an unknown number and a wrong code take the same time.
const NO_HASH = "0".repeat(64);

/**
 * Credit reports (专项信用报告): issued by the subject for itself or by any department, stored
 * (bytes, hash, signature) in an append-only table, served again byte for byte, verified by
 * number and code.
 *
 * What a report shows is read by running `creditReportDocument` through the hub's shielded schema
 * in the issuer's own request context (`runOperation`, injected by server/hub.ts: modules may not
 * import the server, which builds the schema). So the PDF holds exactly what the issuer's
 * `/graphql` answer would — the matrix's field rules and every loader's row rules — and the reads
 * land in the issuing request's access record, with the purpose.
 */
export class CreditReportService {
  constructor(
    private readonly db: DataSource,
    private readonly settings: CreditReportSettings,
    private readonly facilities: CreditReportFacilities | null,
  ) {}

  /** Issues a report as the caller: the subject about itself, a department about any enterprise. */
  async issue(ctx: RequestContext, creditCode: string, purpose: AdministrativeMatter): Promise<CreditReportIssue> {
    const actor = ctx.requireIdentified();
    // About another enterprise a subject is the public, which may not issue (the same answer whether it exists or not).
    if (actor.kind === "subject" && actor.creditCode !== creditCode) throw forbidden();
    const { runOperation, key, font } = this.available();
    if (!font) throw unavailable(REPORT_FONT_MISSING);
    const audience = actor.kind === "agency" ? actor.department : "SUBJECT";
    const result = (await runOperation(ctx, creditReportDocument(READ_POLICY.Enterprise.riskAssessment.includes(audience)), { creditCode, purpose })) as unknown as ExecutionResult<CreditReportContent>;
    // Denied fields are expected (they are left out); anything else means the report would be incomplete: refuse it.
    const failure = (result.errors ?? []).find((e) => !(e.originalError instanceof DomainError && e.originalError.code === ErrorCode.FORBIDDEN));
    if (failure) throw failure.originalError ?? failure;
    const enterprise = result.data?.enterprise;
    if (!enterprise) throw notFound("No enterprise has this credit code.", "creditCode");

    const [{ seq }] = await this.db.query(`SELECT nextval('credit_report_number_seq') AS seq`);
    // Whole seconds, as the API writes instants: the signed statement and the answers agree.
    const issuedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
    const number = reportNumber(issuedAt, Number(seq));
    const verificationCode = newVerificationCode(randomBytes(8));
    const verifyUrl = `${this.settings.publicUrl}${VERIFY_PATH}?number=${encodeURIComponent(number)}&code=${encodeURIComponent(verificationCode)}`;
    const issuer = actor.kind === "agency" ? `${actor.name}（${label("department", actor.department)}）` : `${enterprise.name}（企业本身）`;
    const pdf = await renderCreditReport({
      number, verificationCode, issuedAt, issuer, purpose: label("matter", purpose), verifyUrl,
      keyUrl: `${this.settings.publicUrl}${SIGNING_KEY_PATH}`,
      headerSignature: sign(null, Buffer.from(headerStatement({ number, creditCode, issuedAt }), "utf8"), key.privateKey).toString("base64"),
      enterprise,
      sanctionMeasures: result.data?.sanctionMeasures ?? null,
    }, font);
    const sha256 = sha256Hex(pdf);
    const signature = sign(null, Buffer.from(signedStatement({ number, creditCode, issuedAt, sha256 }), "utf8"), key.privateKey).toString("base64");
    await this.db.query(
      `INSERT INTO credit_report (number, code_hash, enterprise_id, credit_code, enterprise_name, purpose, issuer_kind, agency_id, department, issued_at, sha256, signature, pdf)
       SELECT $1, $2, e.id, e.credit_code, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM enterprise e WHERE e.credit_code = $3`,
      [number, sha256Hex(verificationCode), creditCode, enterprise.name, purpose, actor.kind, actor.kind === "agency" ? actor.agencyId : null,
        actor.kind === "agency" ? actor.department : null, issuedAt, sha256, signature, pdf],
    );
    return { number, verificationCode, issuedAt, sha256, url: reportUrl(number) };
  }

  /**
   * Anyone checks a number and code. A wrong code and an unknown number are the same answer
   * (genuine: false, nothing else), from one statement and one constant-time comparison.
   */
  async verify(number: string, code: string): Promise<CreditReportVerification> {
    const row = await this.find(number);
    const given = Buffer.from(sha256Hex(normalizeCode(code)), "utf8");
    const stored = Buffer.from(row?.codeHash ?? NO_HASH, "utf8");
    const genuine = timingSafeEqual(given, stored) && row !== null && VERIFICATION_CODE_PATTERN.test(normalizeCode(code));
    if (!genuine || !row) return { genuine: false, number, creditCode: null, enterpriseName: null, issuedAt: null, sha256: null, signature: null };
    return { genuine: true, number: row.number, creditCode: row.creditCode, enterpriseName: row.enterpriseName, issuedAt: row.issuedAt, sha256: row.sha256, signature: row.signature };
  }

  /** The stored PDF for a caller who may fetch it (mayFetchReport), else null: existence is not revealed. */
  async storedPdf(actor: Actor, number: string): Promise<(StoredCreditReport & { pdf: Buffer }) | null> {
    if (!/^[A-Z0-9-]{1,40}$/.test(number)) return null;
    const [row] = await this.db.query(`SELECT ${COLUMNS}, pdf FROM credit_report WHERE number = $1`, [number]);
    return row && mayFetchReport(actor, row) ? row : null;
  }

  /** The public key (SPKI PEM) every signature verifies with. */
  publicKeyPem(): string {
    return this.available().key.publicKeyPem;
  }

  private async find(number: string): Promise<StoredCreditReport | null> {
    if (!/^[A-Z0-9-]{1,40}$/.test(number)) return null;
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM credit_report WHERE number = $1`, [number]);
    return row ?? null;
  }

  private available(): CreditReportFacilities {
    // Only a running hub (server/hub.ts) has the shielded schema, the key and the font; a CLI command does not issue.
    if (!this.facilities) throw unavailable("Credit reports are issued by a running hub only.");
    return this.facilities;
  }
}

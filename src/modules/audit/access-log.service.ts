import type { DataSource } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { badInput } from "../../shared/errors";
import { type Page, checkFirst, cursorCodec } from "../../shared/pagination";
import { isUuid } from "../../shared/uuid";

const accessRecordCursor = cursorCodec("accessRecord", ["bigint"]);
const subjectAccessCursor = cursorCodec("subjectAccess", ["bigint"]);
import { Department } from "../../auth/department.enums";
import { verifyAccessLog } from "./access-log.verify";
import { ACCESS_COLUMNS, type AccessLogVerification, type AccessRecord } from "./access-record.type";
import type { SubjectAccess } from "./subject-access.type";

/**
 * One page of an enterprise's access history ($1 credit code, $2 the last record id seen or null,
 * $3 rows): a backward range of access_subject's primary key, then one probe per row.
 */
export const SUBJECT_ACCESS_PAGE = `
  SELECT s.record_id AS "recordId", a.at, g.department, g.region_code AS "regionCode", a.purpose, a.sensitive_fields AS fields
  FROM access_subject s JOIN access_record a ON a.id = s.record_id JOIN agency g ON g.id = a.agency_id
  WHERE s.credit_code = $1 AND ($2::bigint IS NULL OR s.record_id < $2::bigint)
  ORDER BY s.record_id DESC LIMIT $3`;

export interface AccessLogFilter {
  creditCode: string | null;
  agencyId: string | null;
  from: Date | null;
  to: Date | null;
}

export class AccessLogService {
  constructor(
    private readonly db: DataSource,
    private readonly auditKey: Buffer | null = null,
  ) {}

  /** Newest first: the caller's own agency's records; CREDIT_OFFICE sees every agency's. */
  async list(actor: AgencyActor, filter: AccessLogFilter, first: number, after: string | null): Promise<Page<AccessRecord>> {
    checkFirst(first);
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    const everyone = actor.department === Department.CREDIT_OFFICE;
    // Agency ids are uuids: anything else names no agency, and PostgreSQL would fail the cast.
    if (filter.agencyId && !isUuid(filter.agencyId)) throw badInput("agencyId", `agencyId ${JSON.stringify(filter.agencyId)} is not an agency id.`);
    if (!everyone) where.push(`a.agency_id = ${p(actor.agencyId)}`);
    if (filter.agencyId) where.push(`a.agency_id = ${p(filter.agencyId)}`);
    if (filter.creditCode) where.push(`a.subjects @> ARRAY[${p(filter.creditCode)}]::text[]`);
    if (filter.from) where.push(`a.at >= ${p(filter.from)}`);
    if (filter.to) where.push(`a.at <= ${p(filter.to)}`);
    if (filter.from && filter.to && filter.from > filter.to) throw badInput("from", "from is after to.");
    const countWhere = [...where];
    const countParams = [...params];
    if (after) where.push(`a.id < ${p(accessRecordCursor.decode(after)[0])}::bigint`);
    const rows: AccessRecord[] = await this.db.query(
      `SELECT ${ACCESS_COLUMNS} FROM access_record a ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY a.id DESC LIMIT ${p(first + 1)}`,
      params,
    );
    return {
      nodes: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursorOf: (r) => accessRecordCursor.encode([r.id]),
      totalCount: async () =>
        (await this.db.query(`SELECT count(*)::int AS n FROM access_record a ${countWhere.length ? `WHERE ${countWhere.join(" AND ")}` : ""}`, countParams))[0].n,
    };
  }

  /**
   * Who read an enterprise's record, newest first: the reads made by agencies that disclosed
   * protected fields (department, region, time, purpose, those fields; never the agency's key or
   * name). Reads of public fields only are what anyone may make, and are not listed. One range of the
   * access_subject index per page, however many times the enterprise was read.
   */
  async history(creditCode: string, first: number, after: string | null): Promise<Page<SubjectAccess>> {
    checkFirst(first);
    const before = after ? subjectAccessCursor.decode(after)[0] : null;
    const rows: SubjectAccess[] = await this.db.query(SUBJECT_ACCESS_PAGE, [creditCode, before, first + 1]);
    return {
      nodes: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursorOf: (r) => subjectAccessCursor.encode([String(r.recordId)]),
      totalCount: async () => (await this.db.query(`SELECT count(*)::int AS n FROM access_subject WHERE credit_code = $1`, [creditCode]))[0].n,
    };
  }

  /** See verifyAccessLog: one snapshot, so records appended by a live hub meanwhile are neither half-seen nor taken for a break. */
  async verify(): Promise<AccessLogVerification> {
    const key = this.auditKey;
    if (!key) throw new Error("verifying the access log needs its key (HUB_AUDIT_KEY_FILE)");
    return this.db.transaction("REPEATABLE READ", async (tx) => {
      await tx.query(`SET TRANSACTION READ ONLY`);
      return verifyAccessLog(tx, key);
    });
  }
}

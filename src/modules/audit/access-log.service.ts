import type { DataSource } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { badInput } from "../../shared/errors";
import { type Page, checkFirst, cursorCodec } from "../../shared/pagination";
import { isUuid } from "../../shared/uuid";

const accessRecordCursor = cursorCodec("accessRecord", ["bigint"]);
import { Department } from "../agency/department.enum";
import { GENESIS_HASH, chainHash } from "./access-chain";
import { ACCESS_COLUMNS, AccessLogVerification, AccessRecord } from "./access-record.type";

const VERIFY_BATCH = 5_000;

export interface AccessLogFilter {
  creditCode: string | null;
  agencyId: string | null;
  from: Date | null;
  to: Date | null;
}

export class AccessLogService {
  constructor(private readonly db: DataSource) {}

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
   * Walks the chain in id order and recomputes every hash; the first record whose stored hashes
   * disagree (edited, or following a removed one) is named. The head catches removed newest records.
   */
  async verify(): Promise<AccessLogVerification> {
    // One snapshot for every batch and the head: records appended by a live hub meanwhile are
    // neither half-seen nor taken for a break.
    return this.db.transaction("REPEATABLE READ", async (tx) => {
      await tx.query(`SET TRANSACTION READ ONLY`);
      let previous = GENESIS_HASH;
      let checked = 0;
      let lastId: string | null = null;
      for (;;) {
        const rows: AccessRecord[] = await tx.query(
          `SELECT ${ACCESS_COLUMNS} FROM access_record a WHERE a.id > $1::bigint ORDER BY a.id LIMIT $2`,
          [lastId ?? "0", VERIFY_BATCH],
        );
        for (const r of rows) {
          if (r.previousHash !== previous || chainHash(previous, r) !== r.hash) return { ok: false, checked, firstBrokenId: r.id };
          previous = r.hash;
          checked++;
          lastId = r.id;
        }
        if (rows.length < VERIFY_BATCH) break;
      }
      const [head] = await tx.query(`SELECT last_id::text AS "lastId", last_hash AS "lastHash", records::int AS records FROM access_chain_head WHERE id = 1`);
      if (head.lastHash !== previous || head.records !== checked) {
        return { ok: false, checked, firstBrokenId: head.lastId ?? lastId };
      }
      return { ok: true, checked, firstBrokenId: null };
    });
  }
}

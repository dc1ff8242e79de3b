import type { DataSource } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { inTransaction } from "../../db/transaction";
import { SqlParams } from "../../db/loader";
import { today } from "../../shared/clock";
import { badInput, conflict, forbidden, notFound } from "../../shared/errors";
import { type Page, checkFirst, cursorCodec } from "../../shared/pagination";
import { regionCondition, regionCovers } from "../../shared/region";
import { isUuid } from "../../shared/uuid";
import { requiredText } from "../../shared/validation";
import { lockEnterpriseForWrite } from "../enterprise/enterprise.rules";
import { type KeySupervisionTarget, keySupervisionActive, targetColumns } from "./key-supervision-target.type";

const targetCursor = cursorCodec("key-supervision", ["date", "uuid"]);

/** One row of `hub report key-supervision`: the distribution the notice asks for (三(五)). */
export interface KeySupervisionCount {
  cityCode: string;
  sector: string;
  activeTargets: number;
  accidentsFiveYears: number;
  majorAccidentsFiveYears: number;
}

/**
 * 重点监管对象: designated and ended by EMERGENCY_MANAGEMENT and CREDIT_OFFICE (the write matrix,
 * auth/policy.ts) for enterprises of their region; every designation is kept (history).
 */
export class KeySupervisionService {
  constructor(private readonly db: DataSource) {}

  designate(actor: AgencyActor, creditCode: string, reason: string, until: string | null): Promise<KeySupervisionTarget> {
    const why = requiredText(reason, "reason");
    const now = today();
    if (until !== null && until < now) throw badInput("until", "until cannot lie in the past.");
    return inTransaction(this.db, async (tx) => {
      const enterprise = await lockEnterpriseForWrite(tx, actor, creditCode);
      // A designation whose until has passed is over: it is closed before a new one opens.
      await tx.query(`UPDATE key_supervision_target SET ended_at = now(), end_reason = 'until passed' WHERE enterprise_id = $1 AND ended_at IS NULL AND until < $2::date`, [enterprise.id, now]);
      const [open] = await tx.query(`SELECT 1 FROM key_supervision_target WHERE enterprise_id = $1 AND ended_at IS NULL`, [enterprise.id]);
      if (open) throw conflict("The enterprise is already a key supervision target.", "creditCode");
      const [target] = await tx.query(
        `INSERT INTO key_supervision_target AS k (enterprise_id, designated_by, agency_id, reason, since, until)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${targetColumns("$5")}`,
        [enterprise.id, actor.department, actor.agencyId, why, now, until],
      );
      return target;
    });
  }

  end(actor: AgencyActor, id: string, reason: string): Promise<KeySupervisionTarget> {
    const why = requiredText(reason, "reason");
    const missing = () => notFound("No key supervision target has this id.", "id");
    if (!isUuid(id)) throw missing();
    return inTransaction(this.db, async (tx) => {
      const [target] = await tx.query(
        `SELECT k.ended_at AS "endedAt", e.region_code AS "regionCode" FROM key_supervision_target k JOIN enterprise e ON e.id = k.enterprise_id
         WHERE k.id = $1 FOR UPDATE OF k`,
        [id],
      );
      if (!target) throw missing();
      if (!regionCovers(actor.regionCode, target.regionCode)) throw forbidden();
      if (target.endedAt) throw conflict("This designation has ended already.", "id");
      const [[ended]] = await tx.query(
        `UPDATE key_supervision_target k SET ended_at = now(), ended_by = $2, end_reason = $3 WHERE k.id = $1 RETURNING ${targetColumns("$4")}`,
        [id, actor.department, why, today()],
      );
      return ended;
    });
  }

  /** Active targets, newest designation first, by region and sector. */
  async list(regionCode: string | null, sector: string | null, first: number, after: string | null): Promise<Page<KeySupervisionTarget>> {
    checkFirst(first);
    const params = new SqlParams();
    const now = params.add(today());
    const where = [keySupervisionActive("k", now)];
    const region = regionCode ? regionCondition(regionCode, "regionCode", "e", (v) => params.add(v)) : null;
    if (region) where.push(region);
    if (sector) where.push(`e.sector = ${params.add(sector)}`);
    const counted = [...where];
    const countValues = [...params.values];
    if (after) {
      const [since, id] = targetCursor.decode(after);
      where.push(`(k.since, k.id) < (${params.add(since)}::date, ${params.add(id)}::uuid)`);
    }
    const rows: KeySupervisionTarget[] = await this.db.query(
      `SELECT ${targetColumns(now)} FROM key_supervision_target k JOIN enterprise e ON e.id = k.enterprise_id
       WHERE ${where.join(" AND ")} ORDER BY k.since DESC, k.id DESC LIMIT ${params.add(first + 1)}`,
      params.values,
    );
    return {
      nodes: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursorOf: (k) => targetCursor.encode([k.since, k.id]),
      totalCount: async () =>
        (await this.db.query(`SELECT count(*)::int AS n FROM key_supervision_target k JOIN enterprise e ON e.id = k.enterprise_id WHERE ${counted.join(" AND ")}`, countValues))[0].n,
    };
  }

  /** Active targets and accidents of the last five years, by city and sector. */
  report(asOf: string = today()): Promise<KeySupervisionCount[]> {
    return this.db.query(
      `WITH targets AS (
         SELECT e.city_code, e.sector, count(*)::int AS n FROM key_supervision_target k JOIN enterprise e ON e.id = k.enterprise_id
         WHERE ${keySupervisionActive("k", "$1")} GROUP BY 1, 2),
       accidents AS (
         SELECT e.city_code, e.sector, count(*)::int AS n, count(*) FILTER (WHERE a.level IN ('MAJOR', 'ESPECIALLY_MAJOR'))::int AS major
         FROM accident a JOIN enterprise e ON e.id = a.enterprise_id
         WHERE a.occurred_on > ($1::date - interval '5 years') AND a.occurred_on <= $1::date GROUP BY 1, 2)
       SELECT city_code::text AS "cityCode", sector, coalesce(t.n, 0) AS "activeTargets", coalesce(a.n, 0) AS "accidentsFiveYears",
         coalesce(a.major, 0) AS "majorAccidentsFiveYears"
       FROM targets t FULL JOIN accidents a USING (city_code, sector) ORDER BY 1, 2`,
      [asOf],
    );
  }
}

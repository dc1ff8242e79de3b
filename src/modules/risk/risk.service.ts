import type { DataSource, EntityManager } from "typeorm";
import type { Config } from "../../config";
import { today } from "../../shared/clock";
import { type Page, checkFirst, cursorCodec } from "../../shared/pagination";
import { cityOf, regionCondition } from "../../shared/region";
import type { IndustrySector } from "../enterprise/enterprise.enums";
import { RECOMPUTE_RISK } from "./risk.sql";
import { ASSESSMENT_COLUMNS, RiskAlert } from "./risk.type";
import { RiskLevel } from "./risk.enums";

const riskAlertCursor = cursorCodec("riskAlert", ["score", "uuid"]);

const LEVELS = [RiskLevel.LOW, RiskLevel.MEDIUM, RiskLevel.HIGH, RiskLevel.SEVERE];

export class RiskService {
  constructor(
    private readonly db: DataSource,
    private readonly risk: Config["risk"],
    private readonly windowDays: number,
  ) {}

  /** Stores the assessments of these enterprises; returns the levels it raised. */
  async recompute(tx: EntityManager, enterpriseIds: readonly string[]): Promise<{ enterpriseId: string; from: RiskLevel; to: RiskLevel }[]> {
    if (!enterpriseIds.length) return [];
    const [medium, high, severe] = this.risk.thresholds;
    return tx.query(RECOMPUTE_RISK, [enterpriseIds, today(), JSON.stringify(this.risk.weights), medium, high, severe, this.windowDays]);
  }

  /** Minimum score of a level with the configured thresholds. */
  minScore(level: RiskLevel): number {
    const index = LEVELS.indexOf(level);
    return index === 0 ? 0 : this.risk.thresholds[index - 1];
  }

  /** Enterprises at or above `minLevel`, highest score first, served by the score indexes. */
  async alerts(
    minLevel: RiskLevel,
    regionCode: string | null,
    sector: IndustrySector | null,
    first: number,
    after: string | null,
  ): Promise<Page<RiskAlert>> {
    checkFirst(first);
    const params: unknown[] = [this.minScore(minLevel)];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where = ["ra.score >= $1"];
    // Filters like enterprises(filter: { regionCode }): a county code selects that county alone.
    // Assessments keep only the city, which the city index walks in score order; the county is
    // checked on each enterprise row that walk reaches.
    if (regionCode) {
      const city = regionCondition(regionCode, "regionCode", "ra", p, { counties: false });
      if (city) where.push(city);
      if (city && regionCode !== cityOf(regionCode)) {
        where.push(`EXISTS (SELECT 1 FROM enterprise e WHERE e.id = ra.enterprise_id AND ${regionCondition(regionCode, "regionCode", "e", p)})`);
      }
    }
    if (sector) where.push(`ra.sector = ${p(sector)}`);
    const countWhere = [...where];
    const countParams = [...params];
    if (after) {
      const [score, id] = riskAlertCursor.decode(after);
      where.push(`(ra.score, ra.enterprise_id) < (${p(score)}::numeric, ${p(id)}::uuid)`);
    }
    const rows = await this.db.query(
      `SELECT ${ASSESSMENT_COLUMNS} FROM risk_assessment ra WHERE ${where.join(" AND ")}
       ORDER BY ra.score DESC, ra.enterprise_id DESC LIMIT ${p(first + 1)}`,
      params,
    );
    const nodes: RiskAlert[] = rows.slice(0, first).map((a: RiskAlert["assessment"]) => ({
      enterpriseId: a.enterpriseId,
      assessment: a,
      raisedAt: a.levelSince,
    }));
    return {
      nodes,
      hasNextPage: rows.length > first,
      cursorOf: (a) => riskAlertCursor.encode([String(a.assessment.score), a.enterpriseId]),
      totalCount: async () =>
        (await this.db.query(`SELECT count(*)::int AS n FROM risk_assessment ra WHERE ${countWhere.join(" AND ")}`, countParams))[0].n,
    };
  }
}

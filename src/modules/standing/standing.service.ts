import { today } from "../../shared/clock";
import type { DataSource, EntityManager } from "typeorm";
import type { GradeService } from "../grade/grade.service";
import type { RiskService } from "../risk/risk.service";
import type { EventService } from "../event/event.service";
import { HubEventKind } from "../event/event.enums";
import { DEPARTMENTS, type Department } from "../../auth/department.enums";
import { RISK } from "../../auth/policy";

// Names the "refresh" advisory lock shared by every hub instance and the CLI.
const REFRESH_LOCK = 7_321_000_002;
const BATCH = 5_000;

/**
 * An enterprise's credit standing: its grade and its risk assessment, both stored. Every write
 * that changes their inputs calls `recompute` in its own transaction; `refreshAll` brings up to
 * date what changes only because time passed (a penalty leaving the 365-day window).
 */
export class StandingService {
  constructor(
    private readonly db: DataSource,
    private readonly grades: GradeService,
    private readonly risk: RiskService,
    /** What scoring depends on besides the data (the risk weights and thresholds), as text. */
    private readonly settings: string,
    private readonly events?: EventService,
  ) {}

  /** Records that every enterprise's standing is up to date as of today, scored with this service's settings. */
  markRefreshed(db: { query(sql: string, values: unknown[]): Promise<unknown> }, enterprises: number): Promise<void> {
    return markRefreshed(db, enterprises, this.settings);
  }

  /**
   * Recomputes grade and risk; a changed grade is announced to every department
   * (CREDIT_GRADE_CHANGED), a raised risk level to OVERSIGHT and MARKET_REGULATION (RISK_LEVEL_RAISED).
   */
  async recompute(tx: EntityManager, enterpriseIds: readonly string[]): Promise<void> {
    await this.recomputeOnly(tx, enterpriseIds, { grade: true });
  }

  /**
   * Recomputes risk alone, announcing a raised level as `recompute` does: for writes that feed
   * only risk. A risk signal is no factor of the grade (GRADE_FACTORS), so recomputing grades for
   * a batch of imported signals would change nothing and cost as much as the risk itself.
   */
  async recomputeRisk(tx: EntityManager, enterpriseIds: readonly string[]): Promise<void> {
    await this.recomputeOnly(tx, enterpriseIds, { grade: false });
  }

  private async recomputeOnly(tx: EntityManager, enterpriseIds: readonly string[], { grade }: { grade: boolean }): Promise<void> {
    const grades = grade ? await this.grades.recompute(tx, enterpriseIds) : [];
    const raised = await this.risk.recompute(tx, enterpriseIds);
    await this.events?.append(tx, [
      ...grades.map((g) => ({ kind: HubEventKind.CREDIT_GRADE_CHANGED, departments: DEPARTMENTS, enterpriseId: g.enterpriseId,
        summary: `Credit grade ${g.from} → ${g.to}.` })),
      ...raised.map((r) => ({ kind: HubEventKind.RISK_LEVEL_RAISED, departments: RISK as Department[], enterpriseId: r.enterpriseId,
        summary: `Risk level ${r.from} → ${r.to}.` })),
    ]);
  }

  /**
   * Recomputes every enterprise in batches, each batch its own transaction. Only one instance
   * runs at a time (advisory lock); another that finds it taken returns null and does nothing.
   */
  async refreshAll(
    options: { onlyIfDue?: boolean; maxAgeHours?: number; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<{ enterprises: number; upToDate?: true } | null> {
    const { onlyIfDue = false, maxAgeHours = 24, onProgress } = options;
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [REFRESH_LOCK]);
      if (!locked) return null;
      try {
        // Standing changes only when the date or the scoring settings do (writes recompute their
        // own enterprises): a refresh completed today, with these settings, has nothing left to do.
        if (onlyIfDue) {
          const [last] = await runner.query(
            `SELECT 1 FROM standing_refresh WHERE completed_on >= $1::date AND settings = $2 AND finished_at > now() - $3::float8 * interval '1 hour'`,
            [today(), this.settings, maxAgeHours],
          );
          if (last) return { enterprises: 0, upToDate: true };
        }
        const [{ total }] = await runner.query(`SELECT count(*)::int AS total FROM enterprise`);
        let done = 0;
        let last = "00000000-0000-0000-0000-000000000000";
        for (;;) {
          const ids: string[] = (await runner.query(`SELECT id FROM enterprise WHERE id > $1 ORDER BY id LIMIT $2`, [last, BATCH])).map(
            (r: { id: string }) => r.id,
          );
          if (ids.length === 0) break;
          await this.db.transaction((tx) => this.recompute(tx, ids));
          done += ids.length;
          last = ids[ids.length - 1];
          onProgress?.(done, total);
        }
        await this.markRefreshed(runner, done);
        return { enterprises: done };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [REFRESH_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }
}

/**
 * Records that every enterprise's standing is up to date as of today (also after `hub generate`
 * and the demo seed), with the scoring settings it was computed with.
 */
async function markRefreshed(
  db: { query(sql: string, values: unknown[]): Promise<unknown> },
  enterprises: number,
  settings: string,
): Promise<void> {
  await db.query(
    `INSERT INTO standing_refresh (id, completed_on, enterprises, settings) VALUES (1, $1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET completed_on = excluded.completed_on, enterprises = excluded.enterprises,
       settings = excluded.settings, finished_at = now()`,
    [today(), enterprises, settings],
  );
}

/** The scoring settings as stable text: equal settings, equal text. */
export function scoringSettings(
  risk: { weights: Record<string, number>; thresholds: readonly number[] },
  rules?: { grade: Readonly<Record<string, number>>; riskWindowDays: number },
): string {
  const weights = Object.fromEntries(Object.entries(risk.weights).sort(([a], [b]) => a.localeCompare(b)));
  // A changed grade rule or risk window is a change of scoring too: the next refresh applies it forward.
  return JSON.stringify({ weights, thresholds: risk.thresholds, ...(rules ? { grade: rules.grade, riskWindowDays: rules.riskWindowDays } : {}) });
}

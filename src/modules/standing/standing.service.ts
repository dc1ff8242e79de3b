import { today } from "../../shared/clock";
import type { DataSource, EntityManager } from "typeorm";
import type { GradeService } from "../grade/grade.service";
import type { RiskService } from "../risk/risk.service";

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
  ) {}

  async recompute(tx: EntityManager, enterpriseIds: readonly string[]): Promise<void> {
    await this.grades.recompute(tx, enterpriseIds);
    await this.risk.recompute(tx, enterpriseIds);
  }

  /**
   * Recomputes every enterprise in batches, each batch its own transaction. Only one instance
   * runs at a time (advisory lock); another that finds it taken returns null and does nothing.
   */
  async refreshAll(
    options: { onlyIfDue?: boolean; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<{ enterprises: number; upToDate?: true } | null> {
    const { onlyIfDue = false, onProgress } = options;
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query(`SELECT pg_try_advisory_lock($1) AS locked`, [REFRESH_LOCK]);
      if (!locked) return null;
      try {
        // Grades change only when the date does: a refresh completed today has nothing left to do.
        if (onlyIfDue) {
          const [last] = await runner.query(`SELECT completed_on AS "completedOn" FROM standing_refresh WHERE completed_on >= $1::date`, [today()]);
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
        await markRefreshed(runner, done);
        return { enterprises: done };
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1)`, [REFRESH_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }
}

/** Records that every enterprise's standing is up to date as of today (also after `hub generate`). */
export async function markRefreshed(db: { query(sql: string, values: unknown[]): Promise<unknown> }, enterprises: number): Promise<void> {
  await db.query(
    `INSERT INTO standing_refresh (id, completed_on, enterprises) VALUES (1, $1, $2)
     ON CONFLICT (id) DO UPDATE SET completed_on = excluded.completed_on, enterprises = excluded.enterprises, finished_at = now()`,
    [today(), enterprises],
  );
}

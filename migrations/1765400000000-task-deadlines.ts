import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Sanction task deadlines: every task gets a due date, its distribution date (China Standard Time)
 * plus the measure's period. Tasks distributed before this migration get the default 30 days.
 */
export class TaskDeadlines1765400000000 implements MigrationInterface {
  name = "TaskDeadlines1765400000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sanction_task ADD COLUMN due_on date`);
    await q.query(`UPDATE sanction_task SET due_on = (distributed_at AT TIME ZONE 'Asia/Shanghai')::date + 30`);
    await q.query(`ALTER TABLE sanction_task ALTER COLUMN due_on SET NOT NULL`);
    // sanctionTasks(overdue: true): OPEN tasks past their due date, per department.
    await q.query(`CREATE INDEX sanction_task_open_due ON sanction_task (department, due_on) WHERE state = 'OPEN'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sanction_task DROP COLUMN due_on`);
  }
}

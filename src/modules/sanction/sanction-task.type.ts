import { Field, ID, Int, ObjectType } from "type-graphql";
import { cursorInstant } from "../../shared/pagination";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { Department } from "../../auth/department.enums";
import { SanctionMeasureCode, SanctionTaskStatus } from "./sanction.enums";
import { inForce } from "../listing/listing.sql";

@ObjectType({ description: "A measure distributed to one department for one blacklist entry (定向分发)." })
export class SanctionTask {
  @Field(() => ID)
  id!: string;

  blacklistEntryId!: string;
  measureCode!: SanctionMeasureCode;

  @Field(() => Int, { description: "The measure catalogue version it was distributed under; measure is read from it." })
  catalogueVersion!: number;
  /** distributedAt to the microsecond, for page cursors. */
  cursorAt!: string;

  @Field(() => Department)
  department!: Department;

  @Field(() => DateTimeScalar)
  distributedAt!: Date;

  @Field(() => SanctionTaskStatus, { description: "CLOSED once its entry is no longer ACTIVE (expiry included)." })
  status!: SanctionTaskStatus;

  @Field(() => DateScalar, { description: "Implementation due date: distribution date + the measure's configured period." })
  dueOn!: string;

  @Field({ description: "OPEN and today is after dueOn." })
  overdue!: boolean;
}

/** SQL: the task `t` has a CURRENT feedback (a correction keeps the link, a retraction ends it). */
export const taskReported = `EXISTS (SELECT 1 FROM sanction_feedback f WHERE f.task_id = t.id
  AND NOT EXISTS (SELECT 1 FROM sanction_feedback_retraction r WHERE r.feedback_id = f.id)
  AND NOT EXISTS (SELECT 1 FROM sanction_feedback s WHERE s.supersedes = f.id))`;

/** SQL: the task `t` of entry `b` is closed: closed on removal or repair, or its entry is no longer in force. */
export const taskClosed = (today: string) => `(t.state = 'CLOSED' OR NOT ${inForce("b", today)})`;

/**
 * Status as read: REPORTED while a CURRENT feedback exists, else CLOSED once its entry left
 * ACTIVE, else OPEN. Derived, so a retraction reopens the task without anyone updating it.
 */
export const taskColumns = (today: string) => `t.id, t.blacklist_entry_id AS "blacklistEntryId", t.measure AS "measureCode", t.catalogue_version AS "catalogueVersion",
  t.department, t.distributed_at AS "distributedAt", ${cursorInstant("t.distributed_at")} AS "cursorAt",
  CASE WHEN ${taskReported} THEN 'REPORTED' WHEN ${taskClosed(today)} THEN 'CLOSED' ELSE 'OPEN' END AS status,
  t.due_on AS "dueOn", ${taskOverdue(today)} AS overdue`;

/** SQL: the task is OPEN (not reported, not closed) and today is after its due date. */
export const taskOverdue = (today: string) => `(NOT ${taskReported} AND NOT ${taskClosed(today)} AND ${today}::date > t.due_on)`;

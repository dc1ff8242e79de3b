import { Field, ID, Int, ObjectType } from "type-graphql";
import { cursorInstant } from "../../shared/pagination";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { Department } from "../../auth/department.enums";
import { AdministrativeMatter } from "../enterprise/administrative-matter.enums";
import { SanctionMeasureCode } from "../sanction/sanction.enums";
import { SanctionOutcome, FeedbackState } from "./feedback.enums";

@ObjectType({ description: "惩戒实施情况反馈: append-only; a correction supersedes, a retraction withdraws, nothing is deleted." })
export class SanctionFeedback {
  @Field(() => ID)
  id!: string;

  taskId!: string | null;
  blacklistEntryId!: string;
  /** reportedAt to the microsecond, for page cursors. */
  cursorAt!: string;
  agencyId!: string;
  supersedesId!: string | null;
  supersededById!: string | null;

  @Field(() => SanctionMeasureCode)
  measure!: SanctionMeasureCode;

  @Field(() => Department)
  department!: Department;

  @Field(() => AdministrativeMatter)
  matter!: AdministrativeMatter;

  @Field(() => String, { nullable: true })
  matterReference!: string | null;

  @Field(() => DateScalar)
  appliedOn!: string;

  @Field(() => SanctionOutcome)
  outcome!: SanctionOutcome;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => DateTimeScalar)
  reportedAt!: Date;

  @Field(() => ID, { nullable: true })
  reviewId!: string | null;

  @Field()
  clientReference!: string;

  @Field(() => FeedbackState)
  state!: FeedbackState;
}

/** Columns of a feedback row with its state read from the corrections and retractions recorded. */
export const FEEDBACK_COLUMNS = `f.id, f.task_id AS "taskId", f.blacklist_entry_id AS "blacklistEntryId", f.agency_id AS "agencyId",
  f.supersedes AS "supersedesId", (SELECT s.id FROM sanction_feedback s WHERE s.supersedes = f.id) AS "supersededById",
  f.measure, f.department, f.matter, f.matter_reference AS "matterReference", f.applied_on AS "appliedOn", f.outcome,
  f.description, f.reported_at AS "reportedAt", ${cursorInstant("f.reported_at")} AS "cursorAt", f.review_id AS "reviewId", f.client_reference AS "clientReference",
  CASE WHEN EXISTS (SELECT 1 FROM sanction_feedback_retraction r WHERE r.feedback_id = f.id) THEN 'RETRACTED'
       WHEN EXISTS (SELECT 1 FROM sanction_feedback s WHERE s.supersedes = f.id) THEN 'CORRECTED'
       ELSE 'CURRENT' END AS state`;

/** SQL condition: the feedback row `alias` is CURRENT (neither corrected nor retracted). */
export const isCurrent = (alias: string) => `(NOT EXISTS (SELECT 1 FROM sanction_feedback_retraction r WHERE r.feedback_id = ${alias}.id)
  AND NOT EXISTS (SELECT 1 FROM sanction_feedback s WHERE s.supersedes = ${alias}.id))`;

@ObjectType()
export class SanctionFeedbackPayload {
  @Field(() => SanctionFeedback)
  feedback!: SanctionFeedback;

  @Field({ description: "True when this clientReference was already registered with the same content: nothing new was written." })
  replayed!: boolean;
}

@ObjectType()
export class BatchItemError {
  @Field()
  code!: string;

  @Field()
  message!: string;

  @Field(() => String, { nullable: true })
  field!: string | null;
}

@ObjectType({ description: "One item of a batch: exactly one of payload and error is set." })
export class SanctionFeedbackBatchItem {
  @Field(() => Int)
  index!: number;

  @Field(() => SanctionFeedbackPayload, { nullable: true })
  payload!: SanctionFeedbackPayload | null;

  @Field(() => BatchItemError, { nullable: true })
  error!: BatchItemError | null;
}

@ObjectType({ description: "accepted + replayed + rejected = the number of items sent." })
export class SanctionFeedbackBatchResult {
  @Field(() => [SanctionFeedbackBatchItem])
  items!: SanctionFeedbackBatchItem[];

  @Field(() => Int, { description: "Items written now." })
  accepted!: number;

  @Field(() => Int, { description: "Items whose clientReference was already registered with the same content: nothing written." })
  replayed!: number;

  @Field(() => Int)
  rejected!: number;
}

import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../shared/scalars";
import { Department } from "../../auth/department.enums";
import { RepairAction, RepairStatus } from "./repair.enums";

@ObjectType({ description: "信用修复: a request to end a listing early or to stop a penalty's publication and sharing, and its decision." })
export class CreditRepair {
  @Field(() => ID)
  id!: string;

  enterpriseId!: string;
  blacklistEntryId!: string | null;
  watchlistEntryId!: string | null;
  penaltyId!: string | null;

  @Field(() => [RepairAction])
  actions!: RepairAction[];

  @Field()
  statement!: string;

  @Field(() => DateTimeScalar)
  submittedAt!: Date;

  @Field(() => RepairStatus)
  status!: RepairStatus;

  @Field(() => Department, { nullable: true })
  decidedBy!: Department | null;

  @Field(() => DateTimeScalar, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  decisionReason!: string | null;
}

export const REPAIR_COLUMNS = `r.id, r.enterprise_id AS "enterpriseId", r.blacklist_entry_id AS "blacklistEntryId",
  r.watchlist_entry_id AS "watchlistEntryId", r.penalty_id AS "penaltyId", r.actions, r.statement, r.submitted_at AS "submittedAt", r.status,
  r.decided_by AS "decidedBy", r.decided_at AS "decidedAt", r.decision_reason AS "decisionReason"`;

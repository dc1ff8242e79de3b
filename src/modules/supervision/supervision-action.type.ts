import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Department } from "../../auth/department.enums";
import { CreditCodeScalar, DateScalar, DateTimeScalar } from "../../shared/scalars";
import { SupervisionActionKind } from "./supervision.enums";

@ObjectType({ description: "One supervision record about an enterprise: a warning to it, a verification asked of a department, an interview, an inspection." })
export class SupervisionAction {
  @Field(() => ID)
  id!: string;

  enterpriseId!: string;
  watchlistEntryId!: string | null;
  tipId!: string | null;

  @Field(() => SupervisionActionKind)
  kind!: SupervisionActionKind;

  @Field(() => Department, { description: "Who acts: the department asked to verify, the one that recorded the action, or (WARNING_NOTICE) the one that issued the warning." })
  department!: Department;

  @Field({ description: "Where: the enterprise's city for a verification request, else the enterprise's region." })
  regionCode!: string;

  @Field(() => DateScalar, { nullable: true })
  plannedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "When it was done; null while a verification request is still open." })
  doneOn!: string | null;

  @Field(() => String, { nullable: true })
  outcome!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the enterprise acknowledged a WARNING_NOTICE (through its own key), if it did." })
  acknowledgedAt!: Date | null;
}

@InputType()
export class SupervisionActionInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Field(() => SupervisionActionKind)
  kind!: SupervisionActionKind;

  @Field(() => ID, { nullable: true, description: "The watchlist entry acted on; a VERIFICATION of it completes the department's open request." })
  watchlistEntryId?: string | null;

  @Field(() => ID, { nullable: true, description: "The tip-off acted on (a routed department's)." })
  tipId?: string | null;

  @Field(() => DateScalar, { nullable: true })
  plannedOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  doneOn?: string | null;

  @Field(() => String, { nullable: true })
  outcome?: string | null;
}

export const ACTION_COLUMNS = `s.id, s.enterprise_id AS "enterpriseId", s.watchlist_entry_id AS "watchlistEntryId", s.tip_id AS "tipId", s.kind,
  s.department, s.region_code AS "regionCode", s.planned_on::text AS "plannedOn", s.done_on::text AS "doneOn", s.outcome,
  s.acknowledged_at AS "acknowledgedAt"`;

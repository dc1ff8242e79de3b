import { Field, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { Department } from "../../auth/department.enums";
import { CommitmentKind, CommitmentStatus } from "./commitment.enums";

@ObjectType()
export class CommitmentBreach {
  @Field(() => DateScalar)
  verifiedOn!: string;

  @Field(() => Department)
  department!: Department;

  @Field()
  description!: string;

  penaltyId!: string | null;
}

@ObjectType({ description: "信用承诺 made by the enterprise to a department." })
export class CreditCommitment {
  @Field(() => ID)
  id!: string;

  enterpriseId!: string;

  @Field(() => CommitmentKind)
  kind!: CommitmentKind;

  @Field()
  content!: string;

  @Field(() => DateScalar)
  committedOn!: string;

  @Field(() => Department)
  acceptedBy!: Department;

  @Field(() => CommitmentStatus)
  status!: CommitmentStatus;

  breachVerifiedOn!: string | null;
  breachDepartment!: Department | null;
  breachDescription!: string | null;
  breachPenaltyId!: string | null;
}

/**
 * A breach set aside on an upheld objection stays in the table (history kept) but is read as if it
 * had never been recorded: the commitment is ACTIVE again and has no breach.
 */
export const COMMITMENT_COLUMNS = `c.id, c.enterprise_id AS "enterpriseId", c.kind, c.content, c.committed_on AS "committedOn",
  c.accepted_by AS "acceptedBy", CASE WHEN c.breach_set_aside_at IS NULL THEN c.status ELSE 'ACTIVE' END AS status,
  CASE WHEN c.breach_set_aside_at IS NULL THEN c.breach_verified_on END AS "breachVerifiedOn",
  c.breach_department AS "breachDepartment", c.breach_description AS "breachDescription", c.breach_penalty_id AS "breachPenaltyId"`;

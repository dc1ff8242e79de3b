import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { CreditCodeScalar, DateScalar } from "../../shared/scalars";
import { Department } from "../../auth/department.enum";
import { MaxLength } from "../../shared/max-length";

export enum CommitmentKind {
  MARKET_ACCESS = "MARKET_ACCESS",
  QUALIFICATION = "QUALIFICATION",
  ADMINISTRATIVE_APPROVAL = "ADMINISTRATIVE_APPROVAL",
  POLICY_SUPPORT = "POLICY_SUPPORT",
  CREDIT_REPAIR = "CREDIT_REPAIR",
}

export enum CommitmentStatus {
  ACTIVE = "ACTIVE",
  FULFILLED = "FULFILLED",
  BREACHED = "BREACHED",
}

registerEnumType(CommitmentKind, { name: "CommitmentKind" });
registerEnumType(CommitmentStatus, { name: "CommitmentStatus" });

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

export const COMMITMENT_COLUMNS = `c.id, c.enterprise_id AS "enterpriseId", c.kind, c.content, c.committed_on AS "committedOn",
  c.accepted_by AS "acceptedBy", c.status, c.breach_verified_on AS "breachVerifiedOn",
  c.breach_department AS "breachDepartment", c.breach_description AS "breachDescription", c.breach_penalty_id AS "breachPenaltyId"`;

@InputType()
export class CommitmentInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Field(() => CommitmentKind)
  kind!: CommitmentKind;

  @MaxLength(5000)
  @Field()
  content!: string;

  @Field(() => DateScalar)
  committedOn!: string;
}

@InputType()
export class CommitmentBreachInput {
  @Field(() => ID)
  commitmentId!: string;

  @Field(() => DateScalar)
  verifiedOn!: string;

  @MaxLength(5000)
  @Field()
  description!: string;

  @Field(() => ID, { nullable: true, description: "The penalty that sanctioned the breach, if any (same enterprise)." })
  penaltyId?: string | null;
}

import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { DateScalar, DecimalScalar } from "../../shared/scalars";
import { Department } from "../../auth/department.enums";
import { FailingCreditSeverity, PenaltyType } from "./penalty.enums";
import { pendingObjection } from "../objection/objection.sql";

@Entity("penalty")
@ObjectType("AdministrativePenalty")
export class Penalty {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("uuid", { name: "enterprise_id" })
  enterpriseId!: string;

  @Column("text", { name: "decision_number" })
  @Field({ description: "行政处罚决定书文号" })
  decisionNumber!: string;

  @Column("text")
  @Field(() => Department)
  department!: Department;

  @Column("uuid", { name: "agency_id", nullable: true })
  agencyId!: string | null;

  @Column("date", { name: "decided_on" })
  @Field(() => DateScalar)
  decidedOn!: string;

  @Column("text")
  @Field()
  violation!: string;

  @Column("text", { name: "legal_basis", nullable: true })
  @Field(() => String, { nullable: true })
  legalBasis!: string | null;

  @Column("text", { name: "penalty_types", array: true })
  @Field(() => [PenaltyType])
  penaltyTypes!: PenaltyType[];

  @Column("numeric", { name: "fine_amount", precision: 14, scale: 2, nullable: true })
  @Field(() => DecimalScalar, { nullable: true })
  fineAmount!: string | null;

  @Column("text")
  @Field(() => FailingCreditSeverity)
  severity!: FailingCreditSeverity;

  @Column("date", { name: "public_until" })
  @Field(() => DateScalar, {
    description: "Last day of public disclosure (双公示), set by severity: by default 12 months after the decision (GENERAL), 36 (SERIOUS); the day before the decision for MINOR, which is never public.",
  })
  publicUntil!: string;

  @Column("uuid", { name: "person_id", nullable: true })
  personId!: string | null;

  @Column("timestamptz", { name: "revoked_at", nullable: true })
  revokedAt!: Date | null;

  @Column("text", { name: "revoked_reason", nullable: true })
  revokedReason!: string | null;

  @Column("timestamptz", { name: "repaired_at", nullable: true })
  repairedAt!: Date | null;

  /** Read with the row (PENALTY_COLUMNS). */
  @Field({ description: "True once a credit repair of this record was approved: it counts for nothing and is shared no further (POLICY.md)." })
  repaired!: boolean;

  /** Read with the row (PENALTY_COLUMNS). */
  @Field({ description: "True while an objection about this record is PENDING (异议标注); every audience that sees the record sees the mark." })
  underObjection!: boolean;
}

export const PENALTY_COLUMNS = `pe.id, pe.enterprise_id AS "enterpriseId", pe.decision_number AS "decisionNumber",
  pe.department, pe.agency_id AS "agencyId", pe.decided_on AS "decidedOn", pe.violation,
  pe.legal_basis AS "legalBasis", pe.penalty_types AS "penaltyTypes", pe.fine_amount::text AS "fineAmount",
  pe.severity, pe.public_until AS "publicUntil", pe.person_id AS "personId", pe.revoked_at AS "revokedAt",
  pe.revoked_reason AS "revokedReason", pe.repaired_at AS "repairedAt", pe.repaired_at IS NOT NULL AS repaired,
  ${pendingObjection("PENALTY", "pe.id")} AS "underObjection"`;

/**
 * A penalty counts in the rules (watchlist rule, grade, risk, review) unless it was revoked
 * (an upheld objection revokes too) or an approved repair stopped its sharing.
 */
export const countingPenalty = (alias: string) => `(${alias}.revoked_at IS NULL AND NOT ${penaltyRepaired(alias)})`;

/** True once an approved credit repair stopped the penalty's publication and sharing. */
export const penaltyRepaired = (alias: string) => `${alias}.repaired_at IS NOT NULL`;

/** A penalty read as JSON (one part of a larger statement) carries its timestamp as text. */
export function revivePenalty<P extends Penalty>(row: P): P {
  if (typeof row.revokedAt === "string") row.revokedAt = new Date(row.revokedAt);
  if (typeof row.repairedAt === "string") row.repairedAt = new Date(row.repairedAt);
  return row;
}

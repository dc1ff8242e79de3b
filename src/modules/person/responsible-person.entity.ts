import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { DateScalar } from "../../shared/scalars";
import { ResponsibleRole } from "./person.enums";

/** One term of one person in one role at one enterprise; a handover ends the term, it is never deleted. */
@Entity("responsible_person")
@ObjectType()
export class ResponsiblePerson {
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("uuid", { name: "enterprise_id" })
  enterpriseId!: string;

  @Column("uuid", { name: "person_id" })
  personId!: string;

  @Column("text")
  @Field(() => ResponsibleRole)
  role!: ResponsibleRole;

  @Column("date", { nullable: true })
  @Field(() => DateScalar, { nullable: true })
  since!: string | null;

  @Column("date", { nullable: true })
  @Field(() => DateScalar, { nullable: true, description: "End of the term; null while the person holds the role." })
  until!: string | null;
}

export const RESPONSIBLE_PERSON_COLUMNS = `rp.id, rp.enterprise_id AS "enterpriseId", rp.person_id AS "personId",
  rp.role, rp.since, rp.until`;

/** Holders in role order (legal representative first), current before former. */
export const RESPONSIBLE_PERSON_ORDER = `array_position(ARRAY['LEGAL_REPRESENTATIVE', 'PRINCIPAL', 'SAFETY_HEAD',
  'DIRECTLY_RESPONSIBLE'], rp.role), rp.until DESC NULLS FIRST, rp.since DESC NULLS LAST, rp.id`;

import { Field, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { Department } from "../../auth/department.enums";
import { ResponsibleRole } from "../person/person.enums";
import { BlacklistGround, BlacklistStatus, SubjectType } from "./blacklist.enums";
import { derivedStatus } from "../listing/listing.sql";
import { pendingObjection } from "../objection/objection.sql";

@ObjectType({ description: "黑名单 entry: an enterprise, or one of its responsible persons listed with it." })
export class BlacklistEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => SubjectType)
  subjectType!: SubjectType;

  enterpriseId!: string;
  personId!: string | null;
  /** The ENTERPRISE entry a PERSON entry was listed with. */
  listedWith!: string | null;

  @Field(() => ResponsibleRole, { nullable: true })
  role!: ResponsibleRole | null;

  @Field(() => Department)
  recognizedBy!: Department;

  @Field()
  decisionNumber!: string;

  @Field(() => BlacklistGround)
  ground!: BlacklistGround;

  @Field()
  reason!: string;

  @Field(() => DateScalar)
  listedOn!: string;

  @Field(() => DateScalar)
  validUntil!: string;

  @Field(() => BlacklistStatus, { description: "EXPIRED once validUntil has passed, without any job having run." })
  status!: BlacklistStatus;

  @Field(() => DateScalar, { nullable: true })
  removedOn!: string | null;

  @Field({ description: "True while an objection about this record is PENDING (异议标注); every audience that sees the record sees the mark." })
  underObjection!: boolean;
}

/** Columns of a blacklist entry as the type's properties; `$today` is the SQL placeholder of today. */
export const blacklistColumns = (today: string) => `b.id, b.subject_type AS "subjectType", b.enterprise_id AS "enterpriseId",
  b.person_id AS "personId", b.listed_with AS "listedWith", b.role, b.recognized_by AS "recognizedBy",
  b.decision_number AS "decisionNumber", b.ground, b.reason, b.listed_on AS "listedOn", b.valid_until AS "validUntil",
  ${derivedStatus("b", today)} AS status, b.removed_on AS "removedOn", ${pendingObjection("BLACKLIST_ENTRY", "b.id")} AS "underObjection"`;

import { Field, ID, ObjectType } from "type-graphql";
import { Department } from "../../auth/department.enums";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { connectionTypes } from "../../shared/pagination";
import { ObjectionStatus, ObjectionTarget } from "./objection.enums";

@ObjectType({ description: "异议: a subject (or an agency on its behalf) disputes one record; the department that produced it decides (谁产生、谁负责)." })
export class Objection {
  @Field(() => ID)
  id!: string;

  @Field({ description: "The number the filer quotes (YY + filing date + sequence)." })
  trackingNumber!: string;

  enterpriseId!: string;

  @Field(() => ObjectionTarget)
  target!: ObjectionTarget;

  @Field(() => ID, { description: "The disputed record's id; for CREDIT_GRADE, the enterprise's credit code (the current grade)." })
  targetId!: string;

  @Field(() => Department, { description: "The department that must decide: the producer of the disputed record." })
  responsibleDepartment!: Department;

  @Field({ description: "SUBJECT when filed by the enterprise itself; otherwise the filing agency's department." })
  filedBy!: string;

  /** The filing agency (not a field): withdrawal is the filer's alone. */
  filedByAgency!: string | null;
  filedBySubject!: string | null;

  @Field()
  grounds!: string;

  @Field(() => DateTimeScalar)
  filedAt!: Date;

  @Field(() => DateScalar, { description: "Decision due date: filing date + the configured number of working days." })
  dueOn!: string;

  @Field({ description: "PENDING and today is after dueOn." })
  overdue!: boolean;

  @Field(() => ObjectionStatus)
  status!: ObjectionStatus;

  @Field(() => DateTimeScalar, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  decision!: string | null;
}

export const { Edge: ObjectionEdge, Connection: ObjectionConnection } = connectionTypes("Objection", Objection);

/** `$today` is the SQL placeholder of today (for overdue). */
export const objectionColumns = (today: string) => `o.id, o.tracking_number AS "trackingNumber", o.enterprise_id AS "enterpriseId", o.target,
  o.target_id AS "targetId", o.responsible_department AS "responsibleDepartment", o.filed_by AS "filedBy",
  o.filed_by_agency AS "filedByAgency", o.filed_by_subject AS "filedBySubject", o.grounds, o.filed_at AS "filedAt",
  o.due_on AS "dueOn", (o.status = 'PENDING' AND ${today}::date > o.due_on) AS overdue, o.status, o.decided_at AS "decidedAt", o.decision`;

/** An objection read as JSON (one part of a larger statement) carries its timestamps as text. */
export function reviveObjection(o: Objection): Objection {
  if (typeof o.filedAt === "string") o.filedAt = new Date(o.filedAt);
  if (typeof o.decidedAt === "string") o.decidedAt = new Date(o.decidedAt);
  return o;
}

import { Field, ID, ObjectType } from "type-graphql";
import { Department } from "../../auth/department.enums";
import { DateScalar } from "../../shared/scalars";
import { connectionTypes } from "../../shared/pagination";

@ObjectType({ description: "重点监管对象: an enterprise under key supervision, with why and until when." })
export class KeySupervisionTarget {
  @Field(() => ID)
  id!: string;

  enterpriseId!: string;

  @Field(() => Department)
  designatedBy!: Department;

  @Field()
  reason!: string;

  @Field(() => DateScalar)
  since!: string;

  @Field(() => DateScalar, { nullable: true, description: "The designated end; the target ends earlier when it is ended." })
  until!: string | null;

  @Field({ description: "Designated, not ended, and today within since … until." })
  active!: boolean;
}

export const { Edge: KeySupervisionTargetEdge, Connection: KeySupervisionTargetConnection } = connectionTypes("KeySupervisionTarget", KeySupervisionTarget);

export const targetColumns = (today: string) => `k.id, k.enterprise_id AS "enterpriseId", k.designated_by AS "designatedBy", k.reason,
  k.since::text AS since, k.until::text AS until, ${keySupervisionActive("k", today)} AS active`;

/** A key supervision target is active from `since` until `until` or its end, whichever comes first. */
export const keySupervisionActive = (alias: string, today: string) =>
  `(${alias}.ended_at IS NULL AND ${alias}.since <= ${today}::date AND (${alias}.until IS NULL OR ${alias}.until >= ${today}::date))`;

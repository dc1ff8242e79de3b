import { Field, ID, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../shared/scalars";
import { Department } from "../agency/department.enum";
import { SanctionMeasureCode, SanctionTaskStatus } from "./sanction.enums";

@ObjectType({ description: "A measure distributed to one department for one blacklist entry (定向分发)." })
export class SanctionTask {
  @Field(() => ID)
  id!: string;

  blacklistEntryId!: string;
  measureCode!: SanctionMeasureCode;

  @Field(() => Department)
  department!: Department;

  @Field(() => DateTimeScalar)
  distributedAt!: Date;

  @Field(() => SanctionTaskStatus, { description: "CLOSED once its entry is no longer ACTIVE (expiry included)." })
  status!: SanctionTaskStatus;
}

/** A task of an entry that is no longer in force reads CLOSED, whatever was stored. */
export const taskColumns = (today: string) => `t.id, t.blacklist_entry_id AS "blacklistEntryId", t.measure AS "measureCode",
  t.department, t.distributed_at AS "distributedAt",
  CASE WHEN t.state = 'CLOSED' OR NOT (b.state = 'ACTIVE' AND b.valid_until >= ${today}::date) THEN 'CLOSED' ELSE t.state END AS status`;

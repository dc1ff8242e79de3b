import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Department } from "../../auth/department.enums";
import { CreditCodeScalar, DateTimeScalar } from "../../shared/scalars";
import { connectionTypes } from "../../shared/pagination";
import { HazardCategory, TipStatus } from "./tip.enums";

@ObjectType({ description: "举报: a hazard reported by a worker or a member of the public, routed to the departments that supervise the sector." })
export class Tip {
  @Field(() => ID)
  id!: string;

  @Field()
  trackingNumber!: string;

  enterpriseId!: string | null;

  @Field({ description: "As the reporter wrote it." })
  enterpriseName!: string;

  @Field()
  regionCode!: string;

  @Field(() => HazardCategory)
  category!: HazardCategory;

  @Field({ description: "As the reporter wrote it: plain text, never markup." })
  description!: string;

  contact!: string | null;

  @Field(() => DateTimeScalar)
  receivedAt!: Date;

  @Field(() => [Department])
  routedTo!: Department[];

  @Field(() => TipStatus)
  status!: TipStatus;

  @Field(() => String, { nullable: true })
  outcome!: string | null;
}

export const { Edge: TipEdge, Connection: TipConnection } = connectionTypes("Tip", Tip);

@InputType()
export class TipInput {
  @Field(() => CreditCodeScalar, { nullable: true, description: "The code when the reporter knows it; otherwise the name and the region." })
  creditCode?: string | null;

  @Field({ description: "The enterprise's name (at most 200 characters)." })
  enterpriseName!: string;

  @Field({ description: "Where the hazard is: a Jiangsu city or county code." })
  regionCode!: string;

  @Field(() => HazardCategory)
  category!: HazardCategory;

  @Field({ description: "What the reporter saw (at most 2,000 characters)." })
  description!: string;

  @Field(() => String, { nullable: true, description: "How the handling department may reach the reporter (at most 200 characters); seen only by the routed departments." })
  contact?: string | null;
}

@ObjectType({ description: "What the reporter keeps: the tracking number and a secret that together read the tip's status." })
export class TipReceipt {
  @Field()
  trackingNumber!: string;

  @Field({ description: "Shown once; the hub keeps only its hash." })
  secret!: string;
}

@ObjectType({ description: "What a reporter may learn of its tip: never who handles it or what the enterprise's record holds." })
export class TipProgress {
  @Field()
  trackingNumber!: string;

  @Field(() => TipStatus)
  status!: TipStatus;

  @Field(() => DateTimeScalar)
  receivedAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  @Field(() => String, { nullable: true })
  outcome!: string | null;
}

export const TIP_COLUMNS = `t.id, t.tracking_number AS "trackingNumber", t.enterprise_id AS "enterpriseId", t.enterprise_name AS "enterpriseName",
  t.region_code::text AS "regionCode", t.category, t.description, t.contact, t.received_at AS "receivedAt", t.routed_to AS "routedTo", t.status, t.outcome`;

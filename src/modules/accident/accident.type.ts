import { Field, ID, Int, ObjectType } from "type-graphql";
import { DateScalar, DecimalScalar } from "../../shared/scalars";
import { AccidentLevel } from "./accident.enums";

@ObjectType({ description: "A production safety accident (生产安全事故)." })
export class Accident {
  @Field(() => ID)
  id!: string;

  enterpriseId!: string;

  @Field(() => DateScalar)
  occurredOn!: string;

  @Field(() => AccidentLevel)
  level!: AccidentLevel;

  @Field(() => Int)
  deaths!: number;

  @Field(() => Int)
  injuries!: number;

  @Field(() => DecimalScalar, { nullable: true })
  directLoss!: string | null;

  @Field()
  description!: string;
}

export const ACCIDENT_COLUMNS = `a.id, a.enterprise_id AS "enterpriseId", a.occurred_on AS "occurredOn", a.level, a.deaths,
  a.injuries, a.direct_loss::text AS "directLoss", a.description`;

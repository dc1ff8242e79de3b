import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { CreditCodeScalar, DateScalar, DecimalScalar } from "../../shared/scalars";
import { MaxLength } from "../../shared/max-length";

export enum AccidentLevel {
  ORDINARY = "ORDINARY",
  LARGER = "LARGER",
  MAJOR = "MAJOR",
  ESPECIALLY_MAJOR = "ESPECIALLY_MAJOR",
}

registerEnumType(AccidentLevel, {
  name: "AccidentLevel",
  valuesConfig: {
    ORDINARY: { description: "一般" },
    LARGER: { description: "较大" },
    MAJOR: { description: "重大" },
    ESPECIALLY_MAJOR: { description: "特别重大" },
  },
});

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

@InputType()
export class AccidentInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Field(() => DateScalar)
  occurredOn!: string;

  @Field(() => AccidentLevel)
  level!: AccidentLevel;

  @Field(() => Int)
  deaths!: number;

  @Field(() => Int)
  injuries!: number;

  @Field(() => DecimalScalar, { nullable: true })
  directLoss?: string | null;

  @MaxLength(5000)
  @Field()
  description!: string;
}

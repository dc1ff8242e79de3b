import { Field, InputType, Int } from "type-graphql";
import { CreditCodeScalar, DateScalar, DecimalScalar } from "../../shared/scalars";
import { MaxLength } from "../../shared/max-length";
import { AccidentLevel } from "./accident.enums";

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

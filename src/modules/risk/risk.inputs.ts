import { Field, InputType } from "type-graphql";
import { CreditCodeScalar, DateScalar } from "../../shared/scalars";
import { MaxLength } from "../../shared/max-length";
import { RiskSignalType } from "./risk.enums";

@InputType()
export class RiskSignalInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Field(() => RiskSignalType)
  type!: RiskSignalType;

  @Field(() => DateScalar)
  occurredOn!: string;

  @MaxLength(100)
  @Field({ description: "The delivering system, e.g. 法院, 税务, 人社." })
  source!: string;

  @MaxLength(2000)
  @Field(() => String, { nullable: true })
  detail?: string | null;
}

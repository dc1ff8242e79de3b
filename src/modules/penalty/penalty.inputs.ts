import { Field, ID, InputType } from "type-graphql";
import { CreditCodeScalar, DateScalar, DecimalScalar } from "../../shared/scalars";
import { PenaltyType } from "./penalty.enums";
import { MaxLength } from "../../shared/max-length";

@InputType()
export class PenaltyInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @MaxLength(100)
  @Field()
  decisionNumber!: string;

  @Field(() => DateScalar)
  decidedOn!: string;

  @MaxLength(2000)
  @Field()
  violation!: string;

  @MaxLength(500)
  @Field(() => String, { nullable: true })
  legalBasis?: string | null;

  @Field(() => [PenaltyType])
  penaltyTypes!: PenaltyType[];

  @Field(() => DecimalScalar, { nullable: true, description: "Required when penaltyTypes includes FINE." })
  fineAmount?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Defaults to the end of the penalty's public period by severity; may shorten it, never lengthen it. A MINOR penalty takes none.",
  })
  publicUntil?: string | null;

  @Field({ nullable: true, defaultValue: false, description: "The recording department finds the violation serious (严重失信): the penalty is SERIOUS whatever its types." })
  serious?: boolean;

  @Field(() => ID, {
    nullable: true,
    description:
      "A responsible person (current or former, Person.id) penalised together with the enterprise. " +
      "An id that names no holder of this enterprise is BAD_USER_INPUT, whether or not the person exists.",
  })
  personId?: string | null;

  @MaxLength(32)
  @Field(() => String, {
    nullable: true,
    description:
      "ID number of a responsible person penalised together with the enterprise: only departments entitled to " +
      "full ID numbers (CREDIT_OFFICE, EMERGENCY_MANAGEMENT, MARKET_REGULATION); others are FORBIDDEN and use personId.",
  })
  personIdNumber?: string | null;
}

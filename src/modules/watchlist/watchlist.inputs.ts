import { Field, InputType } from "type-graphql";
import { CreditCodeScalar, DateScalar } from "../../shared/scalars";
import { MaxLength } from "../../shared/max-length";

@InputType()
export class WatchlistInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @MaxLength(2000)
  @Field()
  reason!: string;

  @Field(() => DateScalar, { nullable: true, description: "Defaults to one year after today." })
  validUntil?: string | null;
}

import { Field, ID, InputType } from "type-graphql";
import { CreditCodeScalar, DateScalar } from "../../shared/scalars";
import { MaxLength } from "../../shared/max-length";
import { CommitmentKind } from "./commitment.enums";

@InputType()
export class CommitmentInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Field(() => CommitmentKind)
  kind!: CommitmentKind;

  @MaxLength(5000)
  @Field()
  content!: string;

  @Field(() => DateScalar)
  committedOn!: string;
}

@InputType()
export class CommitmentBreachInput {
  @Field(() => ID)
  commitmentId!: string;

  @Field(() => DateScalar)
  verifiedOn!: string;

  @MaxLength(5000)
  @Field()
  description!: string;

  @Field(() => ID, { nullable: true, description: "The penalty that sanctioned the breach, if any (same enterprise)." })
  penaltyId?: string | null;
}

import { Field, ID, InputType } from "type-graphql";
import { CreditCodeScalar } from "../../shared/scalars";
import { RepairAction } from "./repair.enums";
import { MaxLength } from "../../shared/max-length";

@InputType()
export class CreditRepairInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Field(() => ID, { nullable: true, description: "The blacklist entry to repair (exactly one of the three ids)." })
  blacklistEntryId?: string | null;

  @Field(() => ID, { nullable: true })
  watchlistEntryId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "A penalty to repair once its minimum publication period has passed (POLICY.md, Repair stops sharing): GENERAL 3 months, SERIOUS 1 year after decidedOn.",
  })
  penaltyId?: string | null;

  @Field(() => [RepairAction])
  actions!: RepairAction[];

  @MaxLength(5000)
  @Field()
  statement!: string;
}

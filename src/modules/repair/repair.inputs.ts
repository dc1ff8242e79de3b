import { Field, ID, InputType } from "type-graphql";
import { CreditCodeScalar } from "../../shared/scalars";
import { RepairAction } from "./repair.enums";
import { MaxLength } from "../../shared/max-length";

@InputType()
export class CreditRepairInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Field(() => ID, { nullable: true, description: "The blacklist entry to repair (exactly one of the two ids)." })
  blacklistEntryId?: string | null;

  @Field(() => ID, { nullable: true })
  watchlistEntryId?: string | null;

  @Field(() => [RepairAction])
  actions!: RepairAction[];

  @MaxLength(5000)
  @Field()
  statement!: string;
}

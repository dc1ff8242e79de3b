import { Field, ID, InputType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { AdministrativeMatter } from "../enterprise/administrative-matter.enums";
import { SanctionMeasureCode } from "../sanction/sanction.enums";
import { MaxLength } from "../../shared/max-length";
import { SanctionOutcome } from "./feedback.enums";

@InputType()
export class SanctionFeedbackInput {
  @MaxLength(100)
  @Field({ description: "The agency's own unique reference for this report; sending it again never writes twice." })
  clientReference!: string;

  @Field(() => ID)
  blacklistEntryId!: string;

  @Field(() => SanctionMeasureCode)
  measure!: SanctionMeasureCode;

  @Field(() => AdministrativeMatter)
  matter!: AdministrativeMatter;

  @MaxLength(200)
  @Field(() => String, { nullable: true })
  matterReference?: string | null;

  @Field(() => DateScalar)
  appliedOn!: string;

  @Field(() => SanctionOutcome)
  outcome!: SanctionOutcome;

  @MaxLength(2000)
  @Field(() => String, { nullable: true, description: "Required when the outcome is not APPLIED: why the measure was not (fully) applied." })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: "The credit review during which the measure was applied, if any." })
  reviewId?: string | null;
}

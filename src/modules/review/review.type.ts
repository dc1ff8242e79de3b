import { Field, ID, ObjectType } from "type-graphql";
import { CreditCodeScalar } from "../../shared/scalars";
import { SanctionMeasureCode } from "../sanction/sanction.enums";
import { ReviewVerdict } from "./review.enums";

@ObjectType()
export class ReviewReason {
  @Field({ description: "MEASURE_IN_FORCE, BLACKLISTED, PERSON_BLACKLISTED, WATCHLISTED, LOW_GRADE, RECENT_PENALTY, LICENCE_REVOKED (a licence revoked within the review window) or UNDER_OBJECTION." })
  code!: string;

  @Field()
  message!: string;

  @Field(() => SanctionMeasureCode, { nullable: true })
  measure!: SanctionMeasureCode | null;

  blacklistEntryId!: string | null;
  watchlistEntryId!: string | null;
}

@ObjectType()
export class CreditReviewResult {
  @Field(() => ID, { description: "Identifies this review call; a sanction feedback may cite it." })
  reviewId!: string;

  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Field()
  found!: boolean;

  @Field(() => String, { nullable: true })
  enterpriseName!: string | null;

  @Field(() => ReviewVerdict)
  verdict!: ReviewVerdict;

  @Field(() => [ReviewReason])
  reasons!: ReviewReason[];

  @Field(() => [SanctionMeasureCode])
  measuresInForce!: SanctionMeasureCode[];
}

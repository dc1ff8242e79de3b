import { Field, ID, ObjectType } from "type-graphql";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { FeedbackReport } from "./feedback-report.type";

@ObjectType({ description: "A 通报 archived at the end of its period (HUB_REPORT_PERIOD, monthly by default); immutable." })
export class PublishedReport {
  @Field(() => ID)
  id!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => DateTimeScalar)
  publishedAt!: Date;

  @Field(() => FeedbackReport, { description: "The report as it stood when published: every department and city (the OVERSIGHT view)." })
  report!: FeedbackReport;
}

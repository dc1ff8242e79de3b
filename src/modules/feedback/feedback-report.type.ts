import { Field, Float, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { Department } from "../../auth/department.enums";
import { SanctionMeasureCode } from "../sanction/sanction.enums";

@ObjectType()
export class FeedbackReportRow {
  @Field(() => Department)
  department!: Department;

  @Field()
  regionCode!: string;

  @Field(() => SanctionMeasureCode)
  measure!: SanctionMeasureCode;

  @Field(() => Int)
  tasksDistributed!: number;

  @Field(() => Int)
  tasksReported!: number;

  @Field(() => Int, { nullable: true, description: "Tasks of the row still OPEN after their due date (not reported, entry in force); null in reports archived before it was counted." })
  tasksOverdue!: number;

  @Field(() => Int)
  applied!: number;

  @Field(() => Int)
  partiallyApplied!: number;

  @Field(() => Int)
  notApplied!: number;
}

@ObjectType({ description: "联合惩戒实施情况通报 for a period." })
export class FeedbackReport {
  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [FeedbackReportRow])
  rows!: FeedbackReportRow[];

  @Field(() => Int)
  tasksDistributed!: number;

  @Field(() => Int)
  tasksReported!: number;

  @Field(() => Int, { nullable: true, description: "Tasks distributed in the period and still OPEN after their due date; null in reports archived before it was counted." })
  tasksOverdue!: number;

  @Field(() => Float, { description: "tasksReported / tasksDistributed, 0 when nothing was distributed." })
  reportingRate!: number;

  /** What the report counted (its SQL filters and parameters), for mostOverdue; absent on an archived report. */
  scope?: { filters: string; params: unknown[] };
}

/** Tasks distributed in the period (China Standard Time dates), and CURRENT feedback applied in it. */

@ObjectType({ description: "A short-lived signed address of the report page, to open in a browser without the key." })
export class ReportLink {
  @Field({ description: "Relative to the hub: /reports/feedback?link=…; add &format=csv or &format=pdf for the files." })
  url!: string;

  @Field(() => Date)
  expiresAt!: Date;
}

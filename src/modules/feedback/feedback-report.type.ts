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

  @Field(() => Float, { description: "tasksReported / tasksDistributed, 0 when nothing was distributed." })
  reportingRate!: number;
}

/** Tasks distributed in the period (China Standard Time dates), and CURRENT feedback applied in it. */

import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateScalar, DateTimeScalar } from "../../shared/scalars";
import { RiskSignalType, RiskLevel } from "./risk.enums";

@ObjectType()
export class RiskFactor {
  @Field({ description: "A signal type, PENALTY, WATCHLIST or BLACKLIST." })
  signal!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => DateScalar, { nullable: true })
  latestOn!: string | null;

  @Field(() => Float, { description: "count × weight; the score is the sum, capped at 100." })
  contribution!: number;
}

@ObjectType({ description: "风险预警: the enterprise's risk score over the last 365 days." })
export class RiskAssessment {
  enterpriseId!: string;

  @Field(() => Float, { description: "0 (no risk seen) to 100." })
  score!: number;

  @Field(() => RiskLevel)
  level!: RiskLevel;

  @Field(() => [RiskFactor])
  factors!: RiskFactor[];

  @Field(() => DateTimeScalar)
  assessedAt!: Date;

  levelSince!: Date;
}

export const ASSESSMENT_COLUMNS = `ra.enterprise_id AS "enterpriseId", ra.score::float8 AS score, ra.level, ra.factors,
  ra.assessed_at AS "assessedAt", ra.level_since AS "levelSince"`;

@ObjectType()
export class RiskSignal {
  @Field(() => ID)
  id!: string;

  enterpriseId!: string;

  @Field(() => RiskSignalType)
  type!: RiskSignalType;

  @Field(() => DateScalar)
  occurredOn!: string;

  @Field()
  source!: string;

  @Field(() => String, { nullable: true })
  detail!: string | null;
}

@ObjectType()
export class RiskAlert {
  enterpriseId!: string;

  @Field(() => RiskAssessment)
  assessment!: RiskAssessment;

  @Field(() => DateTimeScalar, { description: "When the enterprise reached its current level." })
  raisedAt!: Date;
}

/** Level of a score with the configured thresholds (defaults: < 25 LOW, < 50 MEDIUM, < 75 HIGH, else SEVERE). */
export function levelOf(score: number, [medium, high, severe]: readonly [number, number, number]): RiskLevel {
  return score < medium ? RiskLevel.LOW : score < high ? RiskLevel.MEDIUM : score < severe ? RiskLevel.HIGH : RiskLevel.SEVERE;
}

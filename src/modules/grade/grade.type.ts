import { Field, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { CreditGradeLevel, SupervisionLevel } from "./grade.enums";

@ObjectType()
export class GradeFactor {
  @Field()
  code!: string;

  @Field()
  description!: string;
}

@ObjectType({ description: "分类分级: the credit grade and the supervision it calls for." })
export class CreditGrade {
  @Field(() => CreditGradeLevel)
  grade!: CreditGradeLevel;

  @Field(() => SupervisionLevel)
  supervisionLevel!: SupervisionLevel;

  @Field(() => Int, { description: "Recommended routine inspections a year for this supervision level." })
  inspectionsPerYear!: number;

  @Field(() => DateScalar)
  effectiveFrom!: string;

  @Field(() => [GradeFactor])
  factors!: GradeFactor[];

  @Field(() => Boolean, { nullable: true, description: "True while an objection about this grade is PENDING (异议标注)." })
  underObjection!: boolean;

  /** Whose grade it is (not a field): the shield reads it to tell a subject's own grade from another's. */
  enterpriseId!: string;
}

/** Credit grade: each factor, the grade it leads to, and what it means. */
export const GRADE_FACTORS: Record<string, { grade: CreditGradeLevel; description: string }> = {
  BLACKLISTED: { grade: CreditGradeLevel.D, description: "ACTIVE blacklist entry" },
  MAJOR_ACCIDENT_3Y: { grade: CreditGradeLevel.D, description: "MAJOR or ESPECIALLY_MAJOR accident within HUB_GRADE_ACCIDENT_YEARS (3 by default)" },
  WATCHLISTED: { grade: CreditGradeLevel.C, description: "ACTIVE watchlist entry" },
  LARGER_ACCIDENT_3Y: { grade: CreditGradeLevel.C, description: "LARGER accident within HUB_GRADE_ACCIDENT_YEARS (3 by default)" },
  PENALTIES_3_IN_365D: { grade: CreditGradeLevel.C, description: "HUB_GRADE_PENALTIES_FOR_C or more penalties within HUB_GRADE_WINDOW_DAYS (3 in 365 by default)" },
  BREACHED_COMMITMENT_365D: { grade: CreditGradeLevel.C, description: "breached commitment verified within HUB_GRADE_WINDOW_DAYS (365 by default)" },
  PENALTY_365D: { grade: CreditGradeLevel.B, description: "a penalty within HUB_GRADE_WINDOW_DAYS (365 by default)" },
  ORDINARY_ACCIDENT_365D: { grade: CreditGradeLevel.B, description: "ORDINARY accident within HUB_GRADE_WINDOW_DAYS (365 by default)" },
};

export const SUPERVISION: Record<CreditGradeLevel, { level: SupervisionLevel; inspectionsPerYear: number }> = {
  A: { level: SupervisionLevel.RELAXED, inspectionsPerYear: 1 },
  B: { level: SupervisionLevel.NORMAL, inspectionsPerYear: 2 },
  C: { level: SupervisionLevel.FOCUSED, inspectionsPerYear: 6 },
  D: { level: SupervisionLevel.STRICT, inspectionsPerYear: 12 },
};

/** The stored row: grade, date it took effect, factor codes. */
export interface GradeRow {
  enterpriseId: string;
  grade: CreditGradeLevel;
  effectiveFrom: string;
  factors: string[];
  underObjection: boolean;
}

export function toCreditGrade(row: GradeRow): CreditGrade {
  return {
    grade: row.grade,
    supervisionLevel: SUPERVISION[row.grade].level,
    inspectionsPerYear: SUPERVISION[row.grade].inspectionsPerYear,
    effectiveFrom: row.effectiveFrom,
    factors: row.factors.map((code) => ({ code, description: GRADE_FACTORS[code]?.description ?? code })),
    underObjection: row.underObjection,
    enterpriseId: row.enterpriseId,
  };
}

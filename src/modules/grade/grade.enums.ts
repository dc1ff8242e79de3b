import { registerEnumType } from "type-graphql";

export enum CreditGradeLevel {
  A = "A",
  B = "B",
  C = "C",
  D = "D",
}

export enum SupervisionLevel {
  RELAXED = "RELAXED",
  NORMAL = "NORMAL",
  FOCUSED = "FOCUSED",
  STRICT = "STRICT",
}

registerEnumType(CreditGradeLevel, { name: "CreditGradeLevel" });
registerEnumType(SupervisionLevel, { name: "SupervisionLevel" });

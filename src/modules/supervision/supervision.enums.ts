import { registerEnumType } from "type-graphql";

/** A record written by supervision before the blacklist (监管前移). */
export enum SupervisionActionKind {
  WARNING_NOTICE = "WARNING_NOTICE",
  VERIFICATION = "VERIFICATION",
  INTERVIEW = "INTERVIEW",
  PUBLIC_NOTICE = "PUBLIC_NOTICE",
  INSPECTION = "INSPECTION",
  UNANNOUNCED_INSPECTION = "UNANNOUNCED_INSPECTION",
  EXPERT_CONSULTATION = "EXPERT_CONSULTATION",
}

registerEnumType(SupervisionActionKind, {
  name: "SupervisionActionKind",
  description: "A record written by supervision before the blacklist (监管前移): warnings, verification, interviews, inspections.",
  valuesConfig: {
    WARNING_NOTICE: { description: "警示 issued to the enterprise" },
    VERIFICATION: { description: "核查/分解/甄别 of a watchlist entry pushed to the department" },
    INTERVIEW: { description: "约谈" },
    PUBLIC_NOTICE: { description: "通报" },
    UNANNOUNCED_INSPECTION: { description: "暗访暗查" },
    EXPERT_CONSULTATION: { description: "专家会诊" },
  },
});

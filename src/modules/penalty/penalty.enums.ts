import { registerEnumType } from "type-graphql";

export enum PenaltyType {
  WARNING = "WARNING",
  FINE = "FINE",
  CONFISCATION = "CONFISCATION",
  SUSPEND_PRODUCTION = "SUSPEND_PRODUCTION",
  SUSPEND_LICENSE = "SUSPEND_LICENSE",
  REVOKE_LICENSE = "REVOKE_LICENSE",
  DETENTION = "DETENTION",
  OTHER = "OTHER",
}

registerEnumType(PenaltyType, { name: "PenaltyType" });

export enum FailingCreditSeverity {
  MINOR = "MINOR",
  GENERAL = "GENERAL",
  SERIOUS = "SERIOUS",
}

registerEnumType(FailingCreditSeverity, {
  name: "FailingCreditSeverity",
  description:
    "Severity of failing-credit information (失信信息); it sets whether and how long the public sees a record: MINOR never, GENERAL for a year after the decision, SERIOUS for three (configurable).",
  valuesConfig: {
    MINOR: { description: "轻微: not published" },
    GENERAL: { description: "一般" },
    SERIOUS: { description: "严重" },
  },
});

import { registerEnumType } from "type-graphql";

export enum SanctionOutcome {
  APPLIED = "APPLIED",
  PARTIALLY_APPLIED = "PARTIALLY_APPLIED",
  NOT_APPLIED = "NOT_APPLIED",
}

export enum FeedbackState {
  CURRENT = "CURRENT",
  CORRECTED = "CORRECTED",
  RETRACTED = "RETRACTED",
}

registerEnumType(SanctionOutcome, { name: "SanctionOutcome" });
registerEnumType(FeedbackState, { name: "FeedbackState" });

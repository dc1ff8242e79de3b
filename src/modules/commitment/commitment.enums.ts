import { registerEnumType } from "type-graphql";

export enum CommitmentKind {
  MARKET_ACCESS = "MARKET_ACCESS",
  QUALIFICATION = "QUALIFICATION",
  ADMINISTRATIVE_APPROVAL = "ADMINISTRATIVE_APPROVAL",
  POLICY_SUPPORT = "POLICY_SUPPORT",
  CREDIT_REPAIR = "CREDIT_REPAIR",
}

export enum CommitmentStatus {
  ACTIVE = "ACTIVE",
  FULFILLED = "FULFILLED",
  BREACHED = "BREACHED",
}

registerEnumType(CommitmentKind, { name: "CommitmentKind" });
registerEnumType(CommitmentStatus, { name: "CommitmentStatus" });

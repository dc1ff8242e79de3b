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

import { registerEnumType } from "type-graphql";

export enum BlacklistStatus {
  ACTIVE = "ACTIVE",
  EXPIRED = "EXPIRED",
  REMOVED = "REMOVED",
  REPAIRED = "REPAIRED",
}

export enum BlacklistGround {
  MAJOR_ACCIDENT = "MAJOR_ACCIDENT",
  CONCEALED_ACCIDENT = "CONCEALED_ACCIDENT",
  ILLEGAL_PRODUCTION = "ILLEGAL_PRODUCTION",
  REFUSED_ENFORCEMENT_ORDER = "REFUSED_ENFORCEMENT_ORDER",
  FALSE_MATERIALS = "FALSE_MATERIALS",
  BREACHED_COMMITMENT = "BREACHED_COMMITMENT",
  SERIOUS_VIOLATION_DURING_WATCH = "SERIOUS_VIOLATION_DURING_WATCH",
  OTHER = "OTHER",
}

export enum SubjectType {
  ENTERPRISE = "ENTERPRISE",
  PERSON = "PERSON",
}

registerEnumType(BlacklistStatus, { name: "BlacklistStatus" });
registerEnumType(BlacklistGround, { name: "BlacklistGround" });
registerEnumType(SubjectType, { name: "SubjectType" });

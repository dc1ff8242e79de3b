import { registerEnumType } from "type-graphql";

export enum WatchlistStatus {
  ACTIVE = "ACTIVE",
  EXPIRED = "EXPIRED",
  ESCALATED = "ESCALATED",
  REMOVED = "REMOVED",
}

export enum WatchlistBasis {
  AUTOMATIC_RULE = "AUTOMATIC_RULE",
  DEPARTMENT = "DEPARTMENT",
}

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

registerEnumType(WatchlistStatus, { name: "WatchlistStatus" });
registerEnumType(WatchlistBasis, {
  name: "WatchlistBasis",
  valuesConfig: {
    AUTOMATIC_RULE: { description: "Listed by the automatic rule: repeated administrative penalties below the blacklist threshold." },
    DEPARTMENT: { description: "Listed by a department's decision." },
  },
});
registerEnumType(BlacklistStatus, { name: "BlacklistStatus" });
registerEnumType(BlacklistGround, { name: "BlacklistGround" });
registerEnumType(SubjectType, { name: "SubjectType" });

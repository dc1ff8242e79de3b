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

registerEnumType(WatchlistStatus, { name: "WatchlistStatus" });
registerEnumType(WatchlistBasis, {
  name: "WatchlistBasis",
  valuesConfig: {
    AUTOMATIC_RULE: { description: "Listed by the automatic rule: repeated administrative penalties below the blacklist threshold." },
    DEPARTMENT: { description: "Listed by a department's decision." },
  },
});

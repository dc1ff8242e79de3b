import { registerEnumType } from "type-graphql";

export enum ObjectionTarget {
  PENALTY = "PENALTY",
  BLACKLIST_ENTRY = "BLACKLIST_ENTRY",
  WATCHLIST_ENTRY = "WATCHLIST_ENTRY",
  CREDIT_GRADE = "CREDIT_GRADE",
  COMMITMENT_BREACH = "COMMITMENT_BREACH",
  ACCIDENT = "ACCIDENT",
  RISK_SIGNAL = "RISK_SIGNAL",
  LICENCE = "LICENCE",
}

export enum ObjectionStatus {
  PENDING = "PENDING",
  UPHELD = "UPHELD",
  REJECTED = "REJECTED",
  WITHDRAWN = "WITHDRAWN",
}

registerEnumType(ObjectionTarget, { name: "ObjectionTarget", description: "Who may dispute what: the record kinds an objection can name." });
registerEnumType(ObjectionStatus, {
  name: "ObjectionStatus",
  valuesConfig: { UPHELD: { description: "The objection was found right: the record is corrected or stops counting, with history kept." } },
});

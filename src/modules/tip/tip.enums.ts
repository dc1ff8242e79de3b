import { registerEnumType } from "type-graphql";

/** What a tip-off is about; routing follows it (HUB_TIP_ROUTING). */
export enum HazardCategory {
  FIRE = "FIRE",
  HAZARDOUS_CHEMICALS = "HAZARDOUS_CHEMICALS",
  MINING = "MINING",
  CONSTRUCTION = "CONSTRUCTION",
  TRANSPORT = "TRANSPORT",
  SPECIAL_EQUIPMENT = "SPECIAL_EQUIPMENT",
  OCCUPATIONAL_SAFETY = "OCCUPATIONAL_SAFETY",
  ILLEGAL_PRODUCTION = "ILLEGAL_PRODUCTION",
  OTHER = "OTHER",
}

export enum TipStatus {
  RECEIVED = "RECEIVED",
  ROUTED = "ROUTED",
  IN_PROGRESS = "IN_PROGRESS",
  SUBSTANTIATED = "SUBSTANTIATED",
  UNSUBSTANTIATED = "UNSUBSTANTIATED",
  CLOSED = "CLOSED",
}

registerEnumType(HazardCategory, { name: "HazardCategory" });
registerEnumType(TipStatus, { name: "TipStatus" });

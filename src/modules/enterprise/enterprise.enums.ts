import { registerEnumType } from "type-graphql";

export enum IndustrySector {
  COAL_MINE = "COAL_MINE",
  NON_COAL_MINE = "NON_COAL_MINE",
  METAL_NONMETAL_MINE = "METAL_NONMETAL_MINE",
  TRANSPORTATION = "TRANSPORTATION",
  CONSTRUCTION = "CONSTRUCTION",
  HAZARDOUS_CHEMICALS = "HAZARDOUS_CHEMICALS",
  FIREWORKS = "FIREWORKS",
  CIVIL_EXPLOSIVES = "CIVIL_EXPLOSIVES",
  SPECIAL_EQUIPMENT = "SPECIAL_EQUIPMENT",
  METALLURGY = "METALLURGY",
  OTHER = "OTHER",
}

export enum EnterpriseScale {
  LARGE = "LARGE",
  MEDIUM = "MEDIUM",
  SMALL = "SMALL",
  MICRO = "MICRO",
}

export enum Affiliation {
  CENTRAL = "CENTRAL",
  PROVINCIAL = "PROVINCIAL",
  MUNICIPAL = "MUNICIPAL",
  COUNTY = "COUNTY",
  OTHER = "OTHER",
}

export enum EnterpriseStatus {
  OPERATING = "OPERATING",
  SUSPENDED = "SUSPENDED",
  REVOKED = "REVOKED",
  DEREGISTERED = "DEREGISTERED",
}

registerEnumType(IndustrySector, { name: "IndustrySector", description: "Key industry sectors named by the notice." });
registerEnumType(EnterpriseScale, { name: "EnterpriseScale" });
registerEnumType(Affiliation, { name: "Affiliation", description: "隶属关系" });
registerEnumType(EnterpriseStatus, { name: "EnterpriseStatus" });

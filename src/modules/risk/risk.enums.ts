import { registerEnumType } from "type-graphql";

export enum RiskSignalType {
  LITIGATION = "LITIGATION",
  TAX_ARREARS = "TAX_ARREARS",
  WAGE_ARREARS = "WAGE_ARREARS",
  ENVIRONMENTAL_EXCEEDANCE = "ENVIRONMENTAL_EXCEEDANCE",
  REGISTRATION_CHANGE = "REGISTRATION_CHANGE",
  RAPID_EXPANSION = "RAPID_EXPANSION",
  MARKET_VIOLATION = "MARKET_VIOLATION",
}

export enum RiskLevel {
  LOW = "LOW",
  MEDIUM = "MEDIUM",
  HIGH = "HIGH",
  SEVERE = "SEVERE",
}

registerEnumType(RiskSignalType, { name: "RiskSignalType" });
registerEnumType(RiskLevel, { name: "RiskLevel" });

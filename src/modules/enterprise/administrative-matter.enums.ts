import { registerEnumType } from "type-graphql";

export enum AdministrativeMatter {
  GOVERNMENT_PROCUREMENT = "GOVERNMENT_PROCUREMENT",
  BIDDING = "BIDDING",
  ADMINISTRATIVE_APPROVAL = "ADMINISTRATIVE_APPROVAL",
  MARKET_ACCESS = "MARKET_ACCESS",
  QUALIFICATION_REVIEW = "QUALIFICATION_REVIEW",
  HONORS = "HONORS",
  FUNDING = "FUNDING",
  LAND_TRANSFER = "LAND_TRANSFER",
  FINANCING = "FINANCING",
  INSPECTION = "INSPECTION",
  STANDARDIZATION_REVIEW = "STANDARDIZATION_REVIEW",
  OTHER = "OTHER",
}

registerEnumType(AdministrativeMatter, {
  name: "AdministrativeMatter",
  description: "Administrative matters in which credit is reviewed (信用审查) and sanctions are applied.",
});

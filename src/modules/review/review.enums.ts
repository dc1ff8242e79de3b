import { registerEnumType } from "type-graphql";

export enum ReviewVerdict {
  CLEAR = "CLEAR",
  CAUTION = "CAUTION",
  RESTRICTED = "RESTRICTED",
}

registerEnumType(ReviewVerdict, { name: "ReviewVerdict" });

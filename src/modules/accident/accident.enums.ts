import { registerEnumType } from "type-graphql";

export enum AccidentLevel {
  ORDINARY = "ORDINARY",
  LARGER = "LARGER",
  MAJOR = "MAJOR",
  ESPECIALLY_MAJOR = "ESPECIALLY_MAJOR",
}

registerEnumType(AccidentLevel, {
  name: "AccidentLevel",
  valuesConfig: {
    ORDINARY: { description: "一般" },
    LARGER: { description: "较大" },
    MAJOR: { description: "重大" },
    ESPECIALLY_MAJOR: { description: "特别重大" },
  },
});

import fs from "node:fs";
import { SCHEMA_FILE } from "../../../src/server/build-schema";
import { unannouncedBreakingChanges } from "../../helpers/schema-compatibility";

describe("the schema against the last released one (schema/released/)", () => {
  it("has no breaking change that schema/released/announced-changes.json does not announce", () => {
    const { released, unannounced } = unannouncedBreakingChanges(fs.readFileSync(SCHEMA_FILE, "utf8"));
    // A breaking change needs an entry { description, reason, announced } in announced-changes.json,
    // agreed with the agencies whose clients it breaks, or a compatible alternative (deprecate first).
    expect({ released, unannounced: unannounced.map((c) => c.description) }).toEqual({ released, unannounced: [] });
  });

  it("would catch a removed field, a new required argument and a removed enum value", () => {
    const current = fs
      .readFileSync(SCHEMA_FILE, "utf8")
      .replace(/^ {2}economicType: String\n/m, "")
      .replace("enterprises(after: String, filter: EnterpriseFilter, first: Int = 20)", "enterprises(after: String, filter: EnterpriseFilter, first: Int = 20, matter: AdministrativeMatter!)")
      .replace(/^ {2}GOVERNMENT_PROCUREMENT\n/m, "");
    const found = unannouncedBreakingChanges(current).unannounced.map((c) => c.type);
    expect(found).toEqual(expect.arrayContaining(["FIELD_REMOVED", "REQUIRED_ARG_ADDED", "VALUE_REMOVED_FROM_ENUM"]));
  });
});

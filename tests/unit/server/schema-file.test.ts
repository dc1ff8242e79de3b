import fs from "node:fs";
import { SCHEMA_FILE, buildHubSchema, printHubSchema } from "../../../src/server/build-schema";

describe("schema/schema.graphql", () => {
  it("is what the code emits (run `npm run emit-schema` after changing the API)", async () => {
    const emitted = printHubSchema(await buildHubSchema());
    expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(emitted);
  });
});

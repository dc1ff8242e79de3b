import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildSchema, parse, validate } from "graphql";
import { SCHEMA_FILE } from "../../../src/server/build-schema";
import { TrustedDocuments } from "../../../src/server/trusted-documents";

const ROOT = path.join(__dirname, "../../..");
const OPERATIONS = path.join(ROOT, "schema/operations");

describe("the client kit (schema/operations → schema/client)", () => {
  it("is what GraphQL Code Generator writes from the schema and the operations (run `npm run codegen`)", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "node_modules/@graphql-codegen/cli/cjs/bin.js"), "--config", "schema/codegen.yml", "--check"], { cwd: ROOT, encoding: "utf8" });
    expect({ status: run.status, stale: run.status === 0 ? "" : run.stdout + run.stderr }).toEqual({ status: 0, stale: "" });
  });

  it("holds valid operations of the current schema, each named, and a manifest whose ids are their documents' hashes", () => {
    const schema = buildSchema(fs.readFileSync(SCHEMA_FILE, "utf8"));
    const names: string[] = [];
    for (const file of fs.readdirSync(OPERATIONS).filter((f) => f.endsWith(".graphql"))) {
      const document = parse(fs.readFileSync(path.join(OPERATIONS, file), "utf8"));
      expect({ file, errors: validate(schema, document).map((e) => e.message) }).toEqual({ file, errors: [] });
      for (const d of document.definitions) if (d.kind === "OperationDefinition") names.push(d.name?.value ?? "(anonymous)");
    }
    expect(names).not.toContain("(anonymous)");
    expect(names).toEqual(expect.arrayContaining(["EnterpriseProfile", "CreditReview", "RegisterSanctionFeedback", "RegisterSanctionFeedbackBatch", "SanctionTasks", "Events", "EventStream", "Objections"]));
    const manifest = TrustedDocuments.load(path.join(ROOT, "schema/client/persisted-documents.json"), true);
    expect(manifest.size).toBe(names.length);
  });
});

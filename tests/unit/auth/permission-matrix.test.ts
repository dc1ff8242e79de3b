import { type GraphQLField, type GraphQLSchema, isIntrospectionType, isObjectType } from "graphql";
import type { Actor } from "../../../src/auth/actor";
import { READ_POLICY, WRITE_POLICY } from "../../../src/auth/policy";
import { CatalogueService } from "../../../src/modules/catalogue/catalogue.service";
import { applyShield } from "../../../src/auth/shield";
import { DEPARTMENTS, Department } from "../../../src/auth/department.enums";
import { buildHubSchema } from "../../../src/server/build-schema";

/**
 * POLICY.md transcribed by hand, independently of src/auth/policy.ts. A field not listed here is
 * readable by everyone (basic fields, connections, and nested types that inherit the audience of
 * the field leading to them).
 */
const G = DEPARTMENTS;
const ID = [Department.CREDIT_OFFICE, Department.EMERGENCY_MANAGEMENT, Department.MARKET_REGULATION];
const OVERSIGHT = [Department.CREDIT_OFFICE, Department.EMERGENCY_MANAGEMENT];
const EXPECTED_RESTRICTED: Record<string, readonly string[]> = {
  "Query.person": ID,
  "Person.idNumber": ID,
  "Person.idNumberMasked": G,
  "Person.roles": G,
  "AdministrativePenalty.agency": G,
  "AdministrativePenalty.person": G,
  "Query.sanctionTasks": G,
  "Query.riskAlerts": ID,
  "Query.creditReview": G,
  "Query.accessLog": G,
  "Query.verifyAccessLog": [Department.CREDIT_OFFICE],
  "Query.feedbackReport": G,
  "Enterprise.sanctionFeedback": G,
  "BlacklistEntry.feedback": G,
  "Mutation.registerSanctionFeedback": G,
  "Mutation.registerSanctionFeedbackBatch": G,
  "Mutation.correctSanctionFeedback": G,
  "Mutation.retractSanctionFeedback": G,
  "CreditGrade.supervisionLevel": G,
  "CreditGrade.inspectionsPerYear": G,
  "CreditGrade.factors": G,
  "Enterprise.creditGradeHistory": G,
  "Enterprise.riskAssessment": ID,
  "Mutation.recordRiskSignal": [Department.CREDIT_OFFICE, Department.MARKET_REGULATION],
  "Enterprise.accidents": G,
  "Enterprise.onWatchlist": G,
  "Enterprise.watchlist": G,
  "Enterprise.repairs": G,
  "Person.marketBanUntil": G,
  "CreditCommitment.breach": G,
  "BlacklistEntry.tasks": G,
  ...Object.fromEntries(
    ["id", "enterprise", "basis", "listedBy", "reason", "triggeringPenalties", "listedOn", "validUntil", "warningIssuedOn", "status", "escalatedTo"]
      .map((f) => [`WatchlistEntry.${f}`, G]),
  ),
  "Mutation.recordCommitment": G,
  "Mutation.recordCommitmentBreach": G,
  "Mutation.recordAccident": [Department.EMERGENCY_MANAGEMENT],
  "Mutation.addToWatchlist": OVERSIGHT,
  "Mutation.removeFromWatchlist": OVERSIGHT,
  "Mutation.escalateWatchlistEntry": OVERSIGHT,
  "Mutation.addToBlacklist": G,
  "Mutation.removeFromBlacklist": G,
  "Mutation.submitCreditRepair": G,
  "Mutation.decideCreditRepair": G,
  "Mutation.upsertEnterprise": [Department.MARKET_REGULATION, Department.CREDIT_OFFICE],
  "Mutation.setResponsiblePerson": [Department.MARKET_REGULATION, Department.EMERGENCY_MANAGEMENT, Department.CREDIT_OFFICE],
  "Mutation.recordPenalty": G,
  "Mutation.revokePenalty": G,
  "WatchlistEntry.underObjection": G,
  "Query.objections": G,
  "Query.events": G,
  "Subscription.events": G,
  "Query.webhooks": G,
  "Query.publishedReports": OVERSIGHT,
  "Query.escalationCandidates": OVERSIGHT,
  "Query.keySupervisionTargets": G,
  "Query.tips": G,
  "Query.rules": G,
  "Enterprise.supervisionActions": G,
  "Enterprise.keySupervision": G,
  "WatchlistEntry.warnings": G,
  // At the shield every department; the resolver keeps it to the routed ones (tips test).
  "Tip.contact": G,
  "Mutation.recordSupervisionAction": G,
  // The enterprise's own act: no department.
  "Mutation.acknowledgeWarning": [],
  "Mutation.designateKeySupervisionTarget": [Department.EMERGENCY_MANAGEMENT, Department.CREDIT_OFFICE],
  "Mutation.endKeySupervisionTarget": [Department.EMERGENCY_MANAGEMENT, Department.CREDIT_OFFICE],
  // Open to the public: no key needed.
  "Mutation.submitTip": ["PUBLIC", ...DEPARTMENTS],
  "Mutation.updateTip": G,
  "Mutation.recordLicence": G,
  "Mutation.publishMeasureCatalogue": [Department.CREDIT_OFFICE],
  "Mutation.revokeLicence": G,
  "Mutation.registerWebhook": G,
  // Not in POLICY.md: a signed link to the report page, for whoever may read feedbackReport (any department).
  "Mutation.feedbackReportLink": G,
  "Mutation.removeWebhook": G,
  "Enterprise.objections": G,
  "Enterprise.accessHistory": [Department.CREDIT_OFFICE],
  "Mutation.fileObjection": G,
  "Mutation.withdrawObjection": G,
  "Mutation.decideObjection": G,
  // The subject for itself (service), or any department; never the public.
  "Mutation.issueCreditReport": G,
};

/**
 * POLICY.md, Wave 2: of its own enterprise a subject reads every field a department reads except
 * these; of any other enterprise it is the public. It writes only its own objections.
 */
const SUBJECT_DENIED_OWN = new Set([
  "Enterprise.riskAssessment", "Enterprise.sanctionFeedback", "BlacklistEntry.tasks", "BlacklistEntry.feedback", "Person.idNumber",
  "Query.sanctionTasks", "Query.person", "Query.riskAlerts", "Query.creditReview", "Query.feedbackReport", "Query.accessLog",
  "Query.verifyAccessLog",
  // Webhooks are a department system's: POLICY.md gives the subject events, not webhooks.
  "Query.webhooks",
  // The archive holds every department's rows (OVERSIGHT only).
  "Query.publishedReports",
  // Supervision is the departments' (a subject reads its warnings through its own record).
  "Query.escalationCandidates", "Query.keySupervisionTargets", "Enterprise.keySupervision", "Query.tips", "Tip.contact", "Query.rules",
]);
const SUBJECT_WRITES = new Set(["fileObjection", "withdrawObjection", "acknowledgeWarning", "submitTip", "issueCreditReport"]);
const OWN = "00000000-0000-4000-8000-000000000001";
const OTHER = "00000000-0000-4000-8000-000000000002";
const subject: Actor = { kind: "subject", subjectId: "k", enterpriseId: OWN, creditCode: "91320000000000000X", personIds: new Set([OWN]) };
// A record of the subject's own enterprise (or one of its post holders), and one of another enterprise.
const recordOf = (enterprise: string) => ({ id: enterprise, enterpriseId: enterprise });
const AUDIENCES = ["PUBLIC", ...DEPARTMENTS] as const;

function actorFor(audience: string, scopes: ("read" | "write")[] = ["read", "write"]): Actor {
  return audience === "PUBLIC"
    ? { kind: "public" }
    : { kind: "agency", agencyId: "a", name: "t", department: audience as Department, regionCode: "320000", scopes };
}

function objectFields(schema: GraphQLSchema): [string, string, GraphQLField<unknown, unknown>][] {
  return Object.values(schema.getTypeMap())
    .filter((t) => isObjectType(t) && !isIntrospectionType(t))
    .flatMap((t) => Object.values((t as never as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields()).map(
      (f) => [t.name, f.name, f] as [string, string, GraphQLField<unknown, unknown>],
    ));
}

describe("permission matrix", () => {
  let shielded: GraphQLSchema;
  let fields: [string, string, GraphQLField<unknown, unknown>][];

  beforeAll(async () => {
    const schema = await buildHubSchema();
    // Stub every resolver: this test is about who gets through the shield, not about data.
    // A subscription field has both: graphql-middleware puts the shield on its resolve, which runs for every event.
    for (const [, , field] of objectFields(schema)) field.resolve = () => "resolved";
    shielded = applyShield(schema);
    fields = objectFields(shielded);
  });

  it("has an entry for every field of the schema", () => {
    const missing = fields
      .filter(([type, name]) => (type === "Mutation" ? !WRITE_POLICY[name] : !READ_POLICY[type]?.[name]))
      .map(([type, name]) => `${type}.${name}`);
    expect(missing).toEqual([]);
  });

  it("has no entry for a field that does not exist", () => {
    const existing = new Set(fields.map(([type, name]) => `${type}.${name}`));
    const stale = [
      ...Object.entries(READ_POLICY).flatMap(([type, f]) => Object.keys(f).map((name) => `${type}.${name}`)),
      ...Object.keys(WRITE_POLICY).map((name) => `Mutation.${name}`),
    ].filter((key) => !existing.has(key));
    expect(stale).toEqual([]);
  });

  it("allows or denies every field for every audience exactly as POLICY.md says", async () => {
    const mismatches: string[] = [];
    for (const [type, name, field] of fields) {
      const key = `${type}.${name}`;
      const allowed = new Set(EXPECTED_RESTRICTED[key] ?? (type === "Mutation" ? [] : AUDIENCES));
      for (const audience of AUDIENCES) {
        const ctx = { actor: actorFor(audience) };
        const info = { fieldName: name, parentType: shielded.getType(type), returnType: field.type, path: { key: name }, operation: { operation: "query" } };
        const result = await field.resolve!({}, {}, ctx, info as never);
        const got = result === "resolved" ? "allowed" : (result as { extensions?: { code?: string } })?.extensions?.code;
        const want = allowed.has(audience) ? "allowed" : "FORBIDDEN";
        if (got !== want) mismatches.push(`${key} for ${audience}: ${got}, expected ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("gives a subject the SUBJECT field set on its own records and the public's on another enterprise's", async () => {
    const mismatches: string[] = [];
    let ownChecked = 0;
    for (const [type, name, field] of fields) {
      const key = `${type}.${name}`;
      const allowed = new Set(EXPECTED_RESTRICTED[key] ?? (type === "Mutation" ? [] : AUDIENCES));
      const root = type === "Query" || type === "Mutation" || type === "Subscription";
      const cases: [string, string, boolean][] = [
        ["own", OWN, type === "Mutation" ? SUBJECT_WRITES.has(name) : DEPARTMENTS.some((d) => allowed.has(d)) && !SUBJECT_DENIED_OWN.has(key)],
      ];
      // At the root there is no record yet: a subject is SUBJECT there (row rules keep it to its own).
      if (!root) cases.push(["another enterprise's", OTHER, allowed.has("PUBLIC")]);
      for (const [label, enterprise, expected] of cases) {
        const info = { fieldName: name, parentType: shielded.getType(type), returnType: field.type, path: { key: name }, operation: { operation: "query" } };
        const result = await field.resolve!(recordOf(enterprise), {}, { actor: subject }, info as never);
        const got = result === "resolved" ? "allowed" : (result as { extensions?: { code?: string } })?.extensions?.code;
        const want = expected ? "allowed" : "FORBIDDEN";
        if (got !== want) mismatches.push(`${key} for SUBJECT on ${label} record: ${got}, expected ${want}`);
        if (label === "own" && !root && expected && !allowed.has("PUBLIC")) ownChecked++;
      }
    }
    expect(mismatches).toEqual([]);
    // The fields that separate a subject from the public were among those checked.
    expect(ownChecked).toBeGreaterThan(20);
  });

  it("denies every mutation to a token without the write scope", async () => {
    const mutations = fields.filter(([type]) => type === "Mutation");
    expect(mutations.length).toBeGreaterThan(0);
    // Except a tip-off, which anyone may send, key or none.
    for (const [, name, field] of mutations.filter(([, name]) => name !== "submitTip")) {
      const ctx = { actor: actorFor(Department.CREDIT_OFFICE, ["read"]) };
      const result = await field.resolve!({}, {}, ctx, { fieldName: name, path: { key: name } } as never);
      expect([name, (result as { extensions?: { code?: string } })?.extensions?.code]).toEqual([name, "FORBIDDEN"]);
    }
  });

  it("agrees with the credit information catalogue: for every item and every audience (PUBLIC, SUBJECT on its own record, each department) the shield lets through exactly the audiences listed", async () => {
    const items = new CatalogueService().items(await buildHubSchema());
    expect(items.length).toBeGreaterThan(200);
    const byName = new Map(fields.map(([type, name, field]) => [`${type}.${name}`, { type, name, field }]));
    const mismatches: string[] = [];
    for (const item of items) {
      const entry = byName.get(item.item);
      if (!entry) {
        mismatches.push(`${item.item} is not a field of the schema`);
        continue;
      }
      const { type, name, field } = entry;
      for (const audience of ["PUBLIC", "SUBJECT", ...DEPARTMENTS]) {
        const actor = audience === "SUBJECT" ? subject : actorFor(audience);
        const info = { fieldName: name, parentType: shielded.getType(type), returnType: field.type, path: { key: name }, operation: { operation: "query" } };
        const result = await field.resolve!(recordOf(OWN), {}, { actor }, info as never);
        const allowed = result === "resolved";
        if (allowed !== item.audiences.includes(audience)) mismatches.push(`${item.item} for ${audience}: shield ${allowed ? "allows" : "denies"}, catalogue ${item.audiences.join(",")}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("denies a field that the matrix does not name", async () => {
    const schema = await buildHubSchema();
    const penalty = schema.getType("AdministrativePenalty") as never as { getFields(): Record<string, GraphQLField<unknown, unknown>> };
    const field = penalty.getFields().violation;
    field.resolve = () => "resolved";
    const original = READ_POLICY.AdministrativePenalty;
    const { violation: _omitted, ...withoutViolation } = original;
    (READ_POLICY as Record<string, unknown>).AdministrativePenalty = withoutViolation;
    try {
      const wrapped = (applyShield(schema).getType("AdministrativePenalty") as never as { getFields(): Record<string, GraphQLField<unknown, unknown>> }).getFields().violation;
      const result = await wrapped.resolve!({}, {}, { actor: actorFor(Department.CREDIT_OFFICE) }, { fieldName: "violation", path: { key: "violation" } } as never);
      expect((result as { extensions?: { code?: string } }).extensions?.code).toBe("FORBIDDEN");
    } finally {
      (READ_POLICY as Record<string, unknown>).AdministrativePenalty = original;
    }
  });
});

import fs from "node:fs";
import path from "node:path";
import { seedDemoData } from "../../../../src/tools/demo/demo-seed.service";
import { today } from "../../../../src/shared/clock";
import { startTestHub, type TestHub } from "../../../helpers/test-hub";

const MINE = `{ myEnterprise { creditCode objections { status overdue } accessHistory { totalCount } } }`;
const LIST = `{ objections { edges { node { status overdue target } } } }`;

/** The demo data shows the subject's side: its own key, objections of every outcome, repaired and expired records. */
describe("demo data: the subject's side", () => {
  let t: TestHub;
  let seeded: Awaited<ReturnType<typeof seedDemoData>>;
  beforeAll(async () => {
    t = await startTestHub();
    seeded = await seedDemoData(t.hub.database.dataSource, t.hub.services, { anchor: today() });
  });
  afterAll(() => t.stop());

  it("gives the printed enterprise a working SUBJECT key with a PENDING objection of its own", async () => {
    expect(seeded.subject).toMatchObject({ creditCode: seeded.firstCreditCode, token: expect.stringMatching(/^hubs_/) });
    const mine = await t.gql(MINE, {}, seeded.subject!.token);
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myEnterprise).toMatchObject({ creditCode: seeded.firstCreditCode, objections: [{ status: "PENDING", overdue: false }] });
  });

  it("answers the README's example query for an enterprise", async () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../../../README.md"), "utf8");
    const query = /## For enterprises[\s\S]*?```graphql\n([\s\S]*?)```/.exec(readme)![1];
    const res = await t.gql(query, {}, seeded.subject!.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.myEnterprise.objections).toHaveLength(1);
    expect(res.data!.myEnterprise.penalties.edges.some((e: { node: { underObjection: boolean } }) => e.node.underObjection)).toBe(true);
  });

  it("holds objections pending, overdue, rejected and upheld, a repaired penalty, and an expired and a repaired listing", async () => {
    const credit = seeded.agencies.find((a) => a.department === "CREDIT_OFFICE")!.token;
    const nodes = (await t.gql(LIST, {}, credit)).data!.objections.edges.map((e: { node: { status: string; overdue: boolean } }) => e.node);
    expect(nodes.map((n: { status: string; overdue: boolean }) => `${n.status}${n.overdue ? " overdue" : ""}`).sort())
      .toEqual(["PENDING", "PENDING overdue", "REJECTED", "UPHELD"]);
    const [counts] = await t.sql(`SELECT
      (SELECT count(*) FROM penalty WHERE repaired_at IS NOT NULL)::int AS "repairedPenalties",
      (SELECT count(*) FROM penalty WHERE revoked_reason LIKE 'Objection upheld%')::int AS "revokedByObjection",
      (SELECT count(*) FROM blacklist_entry WHERE state = 'REPAIRED')::int AS "repairedListings",
      (SELECT count(*) FROM blacklist_entry WHERE state = 'ACTIVE' AND valid_until < $1::date)::int AS "expiredListings",
      (SELECT count(*) FROM credit_repair WHERE status = 'APPROVED')::int AS "approvedRepairs"`, [today()]);
    // Plus the penalty repair the repair story approved (demo-repair-story.ts): a second repaired penalty and a third approval.
    expect(counts).toEqual({ repairedPenalties: 2, revokedByObjection: 1, repairedListings: 1, expiredListings: 1, approvedRepairs: 3 });
  });
});

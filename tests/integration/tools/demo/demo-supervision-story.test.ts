import { seedDemoData } from "../../../../src/tools/demo/demo-seed.service";
import { today } from "../../../../src/shared/clock";
import { startTestHub, type TestHub } from "../../../helpers/test-hub";

const WATCHED = `{ enterprises(first: 100, filter: { onWatchlist: true }) { edges { node { creditCode supervisionActions { kind doneOn acknowledgedAt } } } } }`;
const TARGETS = `{ keySupervisionTargets { totalCount edges { node { active designatedBy } } } }`;
const TIPS = `{ tips(first: 100) { edges { node { status enterprise { creditCode } } } } }`;

/** The demo data shows supervision before the blacklist and tip-offs (issue 17). */
describe("demo data: supervision and tip-offs", () => {
  let t: TestHub;
  let credit: string;
  beforeAll(async () => {
    t = await startTestHub();
    const seeded = await seedDemoData(t.hub.database.dataSource, t.hub.services, { anchor: today() });
    credit = seeded.agencies.find((a) => a.department === "CREDIT_OFFICE")!.token;
  });
  afterAll(() => t.stop());

  it("holds watchlist entries with warnings (some acknowledged) and verification requests, some done and some open", async () => {
    const res = await t.gql<any>(WATCHED, {}, credit);
    expect(res.errors).toBeUndefined();
    const actions = res.data!.enterprises.edges.flatMap((e: any) => e.node.supervisionActions);
    const verifications = actions.filter((a: any) => a.kind === "VERIFICATION");
    const warnings = actions.filter((a: any) => a.kind === "WARNING_NOTICE");
    expect(warnings.length).toBe(res.data!.enterprises.edges.length);
    expect(warnings.filter((a: any) => a.acknowledgedAt).length).toBeGreaterThan(0);
    expect(verifications.filter((a: any) => a.doneOn).length).toBeGreaterThan(0);
    expect(verifications.filter((a: any) => !a.doneOn).length).toBeGreaterThan(0);
  });

  it("holds two key supervision targets and a tip-off in each status, one about an enterprise the hub does not know", async () => {
    expect((await t.gql<any>(TARGETS, {}, credit)).data!.keySupervisionTargets).toMatchObject({ totalCount: 2 });
    const tips = (await t.gql<any>(TIPS, {}, credit)).data!.tips.edges.map((e: any) => e.node);
    expect(new Set(tips.map((n: any) => n.status))).toEqual(new Set(["RECEIVED", "ROUTED", "IN_PROGRESS", "SUBSTANTIATED", "UNSUBSTANTIATED", "CLOSED"]));
    expect(tips.filter((n: any) => n.enterprise === null)).toHaveLength(1);
  });
});

import { EventService } from "../../../src/modules/event/event.service";
import { today } from "../../../src/shared/clock";
import { HubEventKind } from "../../../src/modules/event/event.enums";
import { blacklist, createEnterprise, expectData, recordPenalty } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";
import { itOnPostgres as onPostgres } from "../../helpers/requires";

const EVENTS = `query($kinds: [HubEventKind!], $after: String, $first: Int) { events(kinds: $kinds, after: $after, first: $first) {
  pageInfo { hasNextPage endCursor } edges { cursor node { id kind summary enterprise { creditCode } sanctionTask { department dueOn measure { code } } objection { trackingNumber } } } } }`;
const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id trackingNumber } }`;
const TASKS = `{ sanctionTasks(first: 100) { edges { node { id department blacklistEntry { enterprise { creditCode } } } } } }`;

type Node = { id: string; kind: string; enterprise: { creditCode: string } | null; sanctionTask: any; objection: any };
// Concurrent transactions need PostgreSQL: the embedded database runs one transaction at a time.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The outbox and the pull feed (issue 16, first part). */
describe("events", () => {
  let t: TestHub;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestHub();
    for (const d of ["EMERGENCY_MANAGEMENT", "CREDIT_OFFICE", "FINANCE", "INDUSTRY_IT", "HUMAN_RESOURCES", "TRANSPORT"] as const) tokens[d] = await t.agency(d);
    tokens.FINANCE_SUZHOU = await t.agency("FINANCE", { region: "320500" });
    tokens.FINANCE_NANJING = await t.agency("FINANCE", { region: "320100" });
  });
  afterAll(() => t.stop());

  const feed = async (token: string, vars: Record<string, unknown> = {}): Promise<Node[]> => {
    const all: Node[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = expectData(await t.gql<any>(EVENTS, { ...vars, after, first: 50 }, token)).events;
      all.push(...page.edges.map((e: any) => e.node));
      if (!page.pageInfo.hasNextPage) return all;
      after = page.pageInfo.endCursor;
    }
  };
  const about = (nodes: Node[], code: string) => nodes.filter((n) => n.enterprise?.creditCode === code);

  it("announces a listing's tasks to exactly the departments that implement a measure, and the listing to the sector's supervisors and OVERSIGHT, in their region", async () => {
    const code = await createEnterprise(t, { regionCode: "320102", sector: "HAZARDOUS_CHEMICALS" });
    await blacklist(t, tokens.EMERGENCY_MANAGEMENT, code);
    const tasks = expectData(await t.gql<any>(TASKS, {}, tokens.CREDIT_OFFICE)).sanctionTasks.edges.map((e: any) => e.node)
      .filter((n: any) => n.blacklistEntry.enterprise.creditCode === code);
    const implementing = [...new Set(tasks.map((n: any) => n.department as string))].sort();
    for (const d of ["FINANCE", "INDUSTRY_IT", "HUMAN_RESOURCES", "TRANSPORT"]) {
      const got = about(await feed(tokens[d], { kinds: ["SANCTION_TASK_DISTRIBUTED"] }), code);
      const expected = tasks.filter((n: any) => n.department === d).map((n: any) => n.id).sort();
      expect([d, got.map((n) => n.sanctionTask && n.kind).every((k) => k === "SANCTION_TASK_DISTRIBUTED"), got.length]).toEqual([d, true, expected.length]);
      expect([d, got.length > 0]).toEqual([d, implementing.includes(d)]);
    }
    const finance = about(await feed(tokens.FINANCE), code).filter((n) => n.kind !== "CREDIT_GRADE_CHANGED");
    // FINANCE is no supervisor of the sector: it hears of its own tasks (and, as every department, of the grade's change) only.
    expect(new Set(finance.map((n) => n.kind))).toEqual(new Set(["SANCTION_TASK_DISTRIBUTED"]));
    expect(finance.length).toBe(tasks.filter((n: any) => n.department === "FINANCE").length);
    expect(finance.map((n) => n.sanctionTask)).toContainEqual({ department: "FINANCE", measure: { code: "RESTRICT_GOVERNMENT_PROCUREMENT" }, dueOn: expect.any(String) });
    // BLACKLIST_LISTED: HAZARDOUS_CHEMICALS is supervised by EMERGENCY_MANAGEMENT, INDUSTRY_IT and ECOLOGY_ENVIRONMENT; OVERSIGHT too.
    for (const [d, listed] of [["INDUSTRY_IT", 1], ["CREDIT_OFFICE", 1], ["FINANCE", 0], ["TRANSPORT", 0]] as const) {
      expect([d, about(await feed(tokens[d], { kinds: ["BLACKLIST_LISTED"] }), code).length]).toEqual([d, listed]);
    }
    // A city agency hears only about its city's enterprises.
    expect(about(await feed(tokens.FINANCE_NANJING, { kinds: ["SANCTION_TASK_DISTRIBUTED"] }), code).length).toBe(finance.length);
    expect(about(await feed(tokens.FINANCE_SUZHOU), code).length).toBe(0);
  });

  it("passes the payload through the shields as a query would, and tells the subject its OBJECTION_* events only", async () => {
    const code = await createEnterprise(t);
    const subject = await t.subject(code);
    const penalty = await recordPenalty(t, tokens.EMERGENCY_MANAGEMENT, code);
    const filed = expectData(await t.gql<any>(FILE, { input: { creditCode: code, target: "PENALTY", targetId: penalty.id, grounds: "事实不清" } }, subject)).fileObjection;
    await blacklist(t, tokens.EMERGENCY_MANAGEMENT, code);

    const mine = await feed(subject);
    expect(mine.map((n) => [n.kind, n.objection?.trackingNumber])).toEqual([["OBJECTION_FILED", filed.trackingNumber]]);
    const em = about(await feed(tokens.EMERGENCY_MANAGEMENT, { kinds: ["OBJECTION_FILED"] }), code);
    expect(em.map((n) => n.objection.trackingNumber)).toEqual([filed.trackingNumber]);
    // INDUSTRY_IT may read the listing event but not the enterprise's risk assessment in it.
    const q = `{ events(kinds: [BLACKLIST_LISTED], first: 100) { edges { node { enterprise { creditCode riskAssessment { level } } } } } }`;
    const res = await t.gql<any>(q, {}, tokens.INDUSTRY_IT);
    const index = res.data!.events.edges.findIndex((e: any) => e.node.enterprise.creditCode === code);
    expect(res.data!.events.edges[index].node.enterprise.riskAssessment).toBeNull();
    expect(res.errors?.find((e) => e.path?.join(".") === `events.edges.${index}.node.enterprise.riskAssessment`)?.extensions?.code).toBe("FORBIDDEN");
    // The public has no feed; a cursor that is no event id is refused with the field named.
    expect((await t.gql(EVENTS, {})).errors?.[0]).toMatchObject({ path: ["events"], extensions: { code: "FORBIDDEN" } });
    expect((await t.gql(EVENTS, { after: "x" }, subject)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  it("announces a watchlist entry to the sector's supervisors, grade changes to every department, raised risk levels to OVERSIGHT and MARKET_REGULATION", async () => {
    const code = await createEnterprise(t, { sector: "CONSTRUCTION" });
    const housing = await t.agency("HOUSING_CONSTRUCTION");
    const market = await t.agency("MARKET_REGULATION");
    await recordPenalty(t, tokens.EMERGENCY_MANAGEMENT, code);
    await recordPenalty(t, tokens.EMERGENCY_MANAGEMENT, code);
    // Two penalties in 365 days: the automatic rule lists the enterprise (grade A → B → C).
    expect(about(await feed(housing, { kinds: ["WATCHLIST_ENTERED"] }), code)).toHaveLength(1);
    expect(about(await feed(tokens.FINANCE, { kinds: ["WATCHLIST_ENTERED"] }), code)).toHaveLength(0);
    const grades = about(await feed(tokens.FINANCE, { kinds: ["CREDIT_GRADE_CHANGED"] }), code);
    expect(grades.map((n: any) => n.summary)).toEqual(["Credit grade A → B.", "Credit grade B → C."]);

    // Registered LOW (a first assessment is no change); the penalties may already have raised it.
    const levels: string[] = ["LOW"];
    const level = async () => expectData(await t.gql<any>(`query($c: CreditCode!) { enterprise(creditCode: $c) { riskAssessment { level } } }`, { c: code }, tokens.CREDIT_OFFICE)).enterprise.riskAssessment.level;
    levels.push(await level());
    for (let i = 0; i < 6; i++) {
      expectData(await t.gql(`mutation($input: RiskSignalInput!) { recordRiskSignal(input: $input) { id } }`,
        { input: { creditCode: code, type: "LITIGATION", occurredOn: today(), source: "法院", detail: `案件 ${i}` } }, market));
      levels.push(await level());
    }
    const raises = levels.slice(1).filter((l, i) => l !== levels[i]).length;
    expect(raises).toBeGreaterThan(0);
    expect(about(await feed(market, { kinds: ["RISK_LEVEL_RAISED"] }), code)).toHaveLength(raises);
    expect(about(await feed(tokens.CREDIT_OFFICE, { kinds: ["RISK_LEVEL_RAISED"] }), code)).toHaveLength(raises);
    expect(about(await feed(tokens.FINANCE, { kinds: ["RISK_LEVEL_RAISED"] }), code)).toHaveLength(0);
  });

  onPostgres("draws event ids in commit order: a second appender waits for the first to commit, so a reader paging by id never skips one (PostgreSQL only: concurrent transactions)", async () => {
    const events = new EventService(t.hub.database.dataSource);
    const code = await createEnterprise(t);
    const [{ id: enterpriseId }] = await t.sql(`SELECT id FROM enterprise WHERE credit_code = $1`, [code]);
    const event = (summary: string) => ({ kind: HubEventKind.CREDIT_GRADE_CHANGED, departments: ["CREDIT_OFFICE" as never], enterpriseId, summary });
    const first = t.hub.database.dataSource.createQueryRunner();
    const second = t.hub.database.dataSource.createQueryRunner();
    try {
      await first.startTransaction();
      await events.append(first.manager, [event("first")]);
      await second.startTransaction();
      let secondAppended = false;
      const appending = events.append(second.manager, [event("second")]).then(() => (secondAppended = true));
      await sleep(300);
      expect(secondAppended).toBe(false);
      const seenBefore = about(await feed(tokens.CREDIT_OFFICE, { kinds: ["CREDIT_GRADE_CHANGED"] }), code);
      expect(seenBefore).toEqual([]);
      await first.commitTransaction();
      await appending;
      await second.commitTransaction();
      const rows = await t.sql(`SELECT id::text, summary FROM hub_event WHERE enterprise_id = $1 AND kind = 'CREDIT_GRADE_CHANGED' ORDER BY id`, [enterpriseId]);
      expect(rows.map((r) => r.summary)).toEqual(["first", "second"]);
      expect(about(await feed(tokens.CREDIT_OFFICE, { kinds: ["CREDIT_GRADE_CHANGED"] }), code).map((n) => n.id)).toEqual(rows.map((r) => r.id));
    } finally {
      await first.release();
      await second.release();
    }
    // Append-only, like the access log.
    await expect(t.sql(`DELETE FROM hub_event WHERE enterprise_id = $1`, [enterpriseId])).rejects.toThrow(/append-only/);
  });

  onPostgres("lets a reader polling with after while ten objections are filed at once see every event exactly once, in id order (PostgreSQL only: concurrent transactions)", async () => {
    const code = await createEnterprise(t);
    const subject = await t.subject(code);
    const penalties = await Promise.all(Array.from({ length: 10 }, () => recordPenalty(t, tokens.EMERGENCY_MANAGEMENT, code)));
    const seen: string[] = [];
    let after: string | null = null;
    let done = false;
    const poller = (async () => {
      while (!done) {
        const page: any = expectData(await t.gql<any>(EVENTS, { kinds: ["OBJECTION_FILED"], after, first: 50 }, subject)).events;
        seen.push(...page.edges.map((e: any) => e.node.id));
        after = page.pageInfo.endCursor ?? after;
      }
    })();
    await Promise.all(penalties.map((p) => t.gql(FILE, { input: { creditCode: code, target: "PENALTY", targetId: p.id, grounds: "事实不清" } }, subject)));
    await sleep(200);
    done = true;
    await poller;
    const page: any = expectData(await t.gql<any>(EVENTS, { kinds: ["OBJECTION_FILED"], after, first: 50 }, subject)).events;
    seen.push(...page.edges.map((e: any) => e.node.id));
    expect(seen).toHaveLength(10);
    expect([...seen].sort((a, b) => Number(a) - Number(b))).toEqual(seen);
    expect(new Set(seen).size).toBe(10);
  });
});

import { setClockOffsetDays } from "../../../src/shared/clock";
import { createEnterprise, expectData, UPSERT } from "../../helpers/factories";
import { newCreditCode } from "../../helpers/identifiers";
import { startHubProcess, stopHubProcess } from "../../helpers/hub-process";
import { startTestHub, type TestHub } from "../../helpers/test-hub";
import { itOnPostgres as onPostgres } from "../../helpers/requires";

const SUBMIT = `mutation($input: TipInput!) { submitTip(input: $input) { trackingNumber secret } }`;
const STATUS = `query($n: String!, $s: String!) { tipStatus(trackingNumber: $n, secret: $s) { trackingNumber status outcome receivedAt updatedAt } }`;
const TIPS = `query($status: TipStatus) { tips(status: $status, first: 100) { totalCount edges { node { id trackingNumber enterpriseName description contact routedTo status outcome enterprise { creditCode } } } } }`;
const TIPS_NO_CONTACT = `{ tips(first: 100) { edges { node { trackingNumber } } } }`;
const UPDATE = `mutation($id: ID!, $status: TipStatus!, $outcome: String) { updateTip(id: $id, status: $status, outcome: $outcome) { status outcome } }`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const tipInput = (overrides: Record<string, unknown> = {}) => ({
  enterpriseName: "南京某某化工厂", regionCode: "320102", category: "FIRE", description: `仓库消防通道被堵塞 ${Math.random()}`, contact: "13800000000", ...overrides,
});

/** Tip-offs (举报, issue 17): the public submits, the routed departments handle, the reporter follows. */
describe("tip-offs", () => {
  let t: TestHub;
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestHub({ env: { HUB_TIP_RATE_PER_HOUR: "1000" } });
    tokens.FIRE_NANJING = await t.agency("FIRE_RESCUE", { region: "320100" });
    tokens.FIRE_SUZHOU = await t.agency("FIRE_RESCUE", { region: "320500" });
    tokens.HOUSING_NANJING = await t.agency("HOUSING_CONSTRUCTION", { region: "320100" });
    tokens.CREDIT_OFFICE = await t.agency("CREDIT_OFFICE");
    tokens.MARKET_REGULATION = await t.agency("MARKET_REGULATION");
  });
  afterAll(async () => {
    setClockOffsetDays(0);
    await t.stop();
  });

  const tipsOf = async (token: string) => expectData(await t.gql<any>(TIPS_NO_CONTACT, {}, token)).tips.edges.map((e: any) => e.node.trackingNumber);
  const count = async () => (await t.sql(`SELECT count(*)::int AS n FROM tip`))[0].n;

  it("takes a tip from anyone without a key, routes it to the category's departments of its city, and lets the reporter follow it with number and secret only", async () => {
    const receipt = expectData(await t.gql<any>(SUBMIT, { input: tipInput() })).submitTip;
    expect(receipt.trackingNumber).toMatch(/^JB\d{8}\d{6}$/);
    const progress = expectData(await t.gql<any>(STATUS, { n: receipt.trackingNumber, s: receipt.secret })).tipStatus;
    expect(progress).toEqual({ trackingNumber: receipt.trackingNumber, status: "ROUTED", outcome: null, receivedAt: expect.any(String), updatedAt: expect.any(String) });

    // FIRE → FIRE_RESCUE in Nanjing; not Suzhou's, not HOUSING_CONSTRUCTION's; OVERSIGHT reads it without the contact.
    expect(await tipsOf(tokens.FIRE_NANJING)).toContain(receipt.trackingNumber);
    expect(await tipsOf(tokens.FIRE_SUZHOU)).not.toContain(receipt.trackingNumber);
    expect(await tipsOf(tokens.HOUSING_NANJING)).not.toContain(receipt.trackingNumber);
    expect(await tipsOf(tokens.CREDIT_OFFICE)).toContain(receipt.trackingNumber);
    const handler = await t.gql<any>(TIPS, {}, tokens.FIRE_NANJING);
    expect(handler.data!.tips.edges.find((e: any) => e.node.trackingNumber === receipt.trackingNumber).node).toMatchObject({ contact: "13800000000", routedTo: ["FIRE_RESCUE"], status: "ROUTED" });
    const oversight = await t.gql<any>(TIPS, {}, tokens.CREDIT_OFFICE);
    const index = oversight.data!.tips.edges.findIndex((e: any) => e.node.trackingNumber === receipt.trackingNumber);
    expect(oversight.data!.tips.edges[index].node.contact).toBeNull();
    expect(oversight.errors?.find((e) => e.path?.join(".") === `tips.edges.${index}.node.contact`)?.extensions?.code).toBe("FORBIDDEN");
    expect((await t.gql(TIPS_NO_CONTACT, {})).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    // Announced to the routed department of the city, with the tip.
    const events = expectData(await t.gql<any>(`{ events(kinds: [TIP_ROUTED]) { edges { node { tip { trackingNumber } } } } }`, {}, tokens.FIRE_NANJING)).events.edges;
    expect(events.map((e: any) => e.node.tip.trackingNumber)).toContain(receipt.trackingNumber);
    const suzhou = expectData(await t.gql<any>(`{ events(kinds: [TIP_ROUTED]) { edges { node { summary } } } }`, {}, tokens.FIRE_SUZHOU)).events.edges;
    expect(suzhou).toEqual([]);

    // A wrong secret is the same NOT_FOUND as an unknown number, and takes about as long.
    const wrong = await t.gql(STATUS, { n: receipt.trackingNumber, s: "wrong" });
    const unknown = await t.gql(STATUS, { n: "JB20260101999999", s: receipt.secret });
    expect(wrong.errors?.[0]).toEqual(unknown.errors?.[0]);
    expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" } });
    const time = async (n: string, s: string) => {
      const started = performance.now();
      await t.gql(STATUS, { n, s });
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const wrongTimes: number[] = [];
    const unknownTimes: number[] = [];
    for (let i = 0; i < 30; i++) {
      wrongTimes.push(await time(receipt.trackingNumber, `wrong${i}`));
      unknownTimes.push(await time(`JB20260101${String(i).padStart(6, "0")}`, `wrong${i}`));
    }
    const [a, b] = [median(wrongTimes), median(unknownTimes)];
    expect(Math.max(a, b) / Math.min(a, b)).toBeLessThan(2);
  });

  it("refuses bad input with the field named and writes nothing; a replay within a minute is the same tip; markup stays text", async () => {
    const before = await count();
    for (const [input, field] of [
      [tipInput({ description: "x".repeat(2001) }), "input.description"],
      [tipInput({ contact: "1".repeat(201) }), "input.contact"],
      [tipInput({ enterpriseName: "" }), "input.enterpriseName"],
      [tipInput({ regionCode: "110101" }), "input.regionCode"],
      [tipInput({ regionCode: "320000" }), "input.regionCode"],
    ] as const) {
      expect([field, (await t.gql(SUBMIT, { input })).errors?.[0].extensions]).toEqual([field, expect.objectContaining({ code: "BAD_USER_INPUT", field })]);
    }
    expect((await t.gql(SUBMIT, { input: tipInput({ category: "GAS" }) })).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(await count()).toBe(before);

    const markup = `<script>alert(1)</script><img src=x onerror="alert(2)"> 仓库堆放易燃物 & "引号"`;
    const input = tipInput({ description: markup, enterpriseName: "<b>某厂</b>" });
    const [first, second] = await Promise.all([t.gql<any>(SUBMIT, { input }), t.gql<any>(SUBMIT, { input })]);
    const [r1, r2] = [expectData(first).submitTip, expectData(second).submitTip];
    expect(r2.trackingNumber).toBe(r1.trackingNumber);
    expect(r2.secret).not.toBe(r1.secret);
    expect(await count()).toBe(before + 1);
    for (const r of [r1, r2]) expect(expectData(await t.gql<any>(STATUS, { n: r.trackingNumber, s: r.secret })).tipStatus.trackingNumber).toBe(r1.trackingNumber);
    const stored = expectData(await t.gql<any>(TIPS, {}, tokens.FIRE_NANJING)).tips.edges.find((e: any) => e.node.trackingNumber === r1.trackingNumber).node;
    expect(stored).toMatchObject({ description: markup, enterpriseName: "<b>某厂</b>" });
    // After the minute, the same text is a new tip.
    setClockOffsetDays(0);
    await t.sql(`UPDATE tip SET received_at = received_at - interval '2 minutes' WHERE tracking_number = $1`, [r1.trackingNumber]);
    expect(expectData(await t.gql<any>(SUBMIT, { input })).submitTip.trackingNumber).not.toBe(r1.trackingNumber);
  });

  it("lets a routed department handle a tip; a substantiated tip counts in the enterprise's risk; others are refused and nothing changes", async () => {
    const code = await createEnterprise(t, { regionCode: "320104" });
    const receipt = expectData(await t.gql<any>(SUBMIT, { input: tipInput({ creditCode: code, category: "SPECIAL_EQUIPMENT" }) })).submitTip;
    const market = await t.agency("MARKET_REGULATION", { region: "320100" });
    const tip = expectData(await t.gql<any>(TIPS, {}, market)).tips.edges.find((e: any) => e.node.trackingNumber === receipt.trackingNumber).node;
    expect(tip.enterprise).toEqual({ creditCode: code });
    expect((await t.gql(UPDATE, { id: tip.id, status: "IN_PROGRESS" }, tokens.CREDIT_OFFICE)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    expect((await t.gql(UPDATE, { id: tip.id, status: "IN_PROGRESS" }, tokens.FIRE_NANJING)).errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
    expect((await t.gql(UPDATE, { id: tip.id, status: "RECEIVED" }, market)).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "status" });
    expect((await t.gql(UPDATE, { id: tip.id, status: "SUBSTANTIATED", outcome: "x".repeat(2001) }, market)).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(expectData(await t.gql<any>(STATUS, { n: receipt.trackingNumber, s: receipt.secret })).tipStatus.status).toBe("ROUTED");

    const risk = `query($c: CreditCode!) { enterprise(creditCode: $c) { riskAssessment { score factors { signal count contribution } } } }`;
    const before = expectData(await t.gql<any>(risk, { c: code }, tokens.CREDIT_OFFICE)).enterprise.riskAssessment;
    expect(expectData(await t.gql<any>(UPDATE, { id: tip.id, status: "IN_PROGRESS" }, market)).updateTip).toEqual({ status: "IN_PROGRESS", outcome: null });
    expect(expectData(await t.gql<any>(UPDATE, { id: tip.id, status: "SUBSTANTIATED", outcome: "现场检查属实，已责令停用" }, market)).updateTip.status).toBe("SUBSTANTIATED");
    const after = expectData(await t.gql<any>(risk, { c: code }, tokens.CREDIT_OFFICE)).enterprise.riskAssessment;
    expect(after.factors).toContainEqual({ signal: "SUBSTANTIATED_TIP", count: 1, contribution: 10 });
    expect(after.score).toBe(before.score + 10);
    // The reporter learns the status and outcome, nothing else.
    expect(expectData(await t.gql<any>(STATUS, { n: receipt.trackingNumber, s: receipt.secret })).tipStatus).toMatchObject({ status: "SUBSTANTIATED", outcome: "现场检查属实，已责令停用" });
  });

  it("keeps a tip about an enterprise the hub does not know by name and city, and links it when the enterprise is registered", async () => {
    const code = newCreditCode();
    const receipt = expectData(await t.gql<any>(SUBMIT, { input: tipInput({ creditCode: code, enterpriseName: "尚未登记的工厂" }) })).submitTip;
    const find = async () => expectData(await t.gql<any>(TIPS, {}, tokens.FIRE_NANJING)).tips.edges.find((e: any) => e.node.trackingNumber === receipt.trackingNumber).node;
    expect((await find()).enterprise).toBeNull();
    expectData(await t.gql(UPSERT, { input: { creditCode: code, name: "尚未登记的工厂", regionCode: "320102", sector: "OTHER" } }, tokens.MARKET_REGULATION));
    expect((await find()).enterprise).toEqual({ creditCode: code });
  });
});

describe("tip-off flood limits", () => {
  onPostgres("refuse a flood from one address with RATE_LIMITED, counted in the database across hub instances (PostgreSQL only: a second process)", async () => {
    const t = await startTestHub({ env: { HUB_TIP_RATE_PER_HOUR: "3" } });
    const other = await startHubProcess({ ...t.databaseEnv, HUB_TIP_RATE_PER_HOUR: "3", LOG_LEVEL: "warn" });
    try {
      const send = async (url: string) => {
        const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: SUBMIT, variables: { input: tipInput() } }) });
        return (await res.json()) as { data?: any; errors?: any[] };
      };
      expect((await send(t.hub.url)).data?.submitTip).toBeDefined();
      expect((await send(other.url)).data?.submitTip).toBeDefined();
      expect((await send(t.hub.url)).data?.submitTip).toBeDefined();
      const refused = await send(other.url);
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: "RATE_LIMITED" }, message: expect.stringContaining("At most 3 tip-offs per hour") });
      await sleep(10);
      expect((await t.sql(`SELECT count(*)::int AS n FROM tip`))[0].n).toBe(3);
    } finally {
      await stopHubProcess(other);
      await t.stop();
    }
  });
});

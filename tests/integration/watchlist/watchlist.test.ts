import { addDays, addYears, setClockOffsetDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, recordPenalty } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const WATCH = `query($c: CreditCode!) { enterprise(creditCode: $c) { onWatchlist onBlacklist
  watchlist { id basis status listedOn validUntil warningIssuedOn triggeringPenalties { decisionNumber } escalatedTo { id ground status } } } }`;

describe("watchlist (重点关注名单)", () => {
  let t: TestHub;
  let em: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
  });
  afterEach(() => setClockOffsetDays(0));
  afterAll(() => t.stop());

  const recent = (days: number) => addDays(today(), -days);

  it("lists an enterprise automatically on its second penalty within a year, with the warning, and only once", async () => {
    const code = await createEnterprise(t);
    await recordPenalty(t, em, code, { decisionNumber: "W-1", decidedOn: recent(200) });
    expect((await t.gql(WATCH, { c: code }, em)).data?.enterprise.watchlist).toEqual([]);

    await recordPenalty(t, em, code, { decisionNumber: "W-2", decidedOn: recent(10) });
    const listed = (await t.gql(WATCH, { c: code }, em)).data?.enterprise;
    expect(listed.onWatchlist).toBe(true);
    expect(listed.watchlist).toHaveLength(1);
    expect(listed.watchlist[0]).toMatchObject({
      basis: "AUTOMATIC_RULE",
      status: "ACTIVE",
      listedOn: today(),
      warningIssuedOn: today(),
      validUntil: addYears(today(), 1),
    });
    expect(listed.watchlist[0].triggeringPenalties.map((p: any) => p.decisionNumber).sort()).toEqual(["W-1", "W-2"]);

    await recordPenalty(t, em, code, { decisionNumber: "W-3", decidedOn: recent(5) });
    expect((await t.gql(WATCH, { c: code }, em)).data?.enterprise.watchlist).toHaveLength(1);
  });

  it("does not count penalties older than 365 days or revoked ones", async () => {
    const code = await createEnterprise(t);
    await recordPenalty(t, em, code, { decisionNumber: "O-1", decidedOn: recent(366) });
    const revoked = await recordPenalty(t, em, code, { decisionNumber: "O-2", decidedOn: recent(30) });
    await t.gql(`mutation($id: ID!) { revokePenalty(id: $id, reason: "撤销") { id } }`, { id: revoked.id }, em);
    await recordPenalty(t, em, code, { decisionNumber: "O-3", decidedOn: recent(20) });
    expect((await t.gql(WATCH, { c: code }, em)).data?.enterprise.onWatchlist).toBe(false);
  });

  it("escalates an ACTIVE entry to the blacklist after a serious violation", async () => {
    const code = await createEnterprise(t);
    await recordPenalty(t, em, code, { decisionNumber: "E-1", decidedOn: recent(40) });
    await recordPenalty(t, em, code, { decisionNumber: "E-2", decidedOn: recent(3) });
    const [entry] = (await t.gql(WATCH, { c: code }, em)).data!.enterprise.watchlist;
    const res = await t.gql(
      `mutation($id: ID!, $input: BlacklistInput!) { escalateWatchlistEntry(id: $id, input: $input) { id subjectType ground status } }`,
      { id: entry.id, input: { creditCode: code, decisionNumber: "苏应急黑〔2026〕1号", ground: "SERIOUS_VIOLATION_DURING_WATCH", reason: "重点关注期间再次发生严重违法行为", listedOn: today() } },
      em,
    );
    expect(res.data?.escalateWatchlistEntry).toMatchObject({ subjectType: "ENTERPRISE", ground: "SERIOUS_VIOLATION_DURING_WATCH", status: "ACTIVE" });
    const after = (await t.gql(WATCH, { c: code }, em)).data?.enterprise;
    expect(after.onBlacklist).toBe(true);
    expect(after.onWatchlist).toBe(false);
    expect(after.watchlist[0]).toMatchObject({ status: "ESCALATED", escalatedTo: { id: res.data?.escalateWatchlistEntry.id } });

    const again = await t.gql(
      `mutation($id: ID!, $input: BlacklistInput!) { escalateWatchlistEntry(id: $id, input: $input) { id } }`,
      { id: entry.id, input: { creditCode: code, decisionNumber: "X", ground: "OTHER", reason: "r", listedOn: today() } },
      em,
    );
    expect(again.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", field: "id" });
  });

  it("marks an ACTIVE watchlist entry ESCALATED when the enterprise is listed on the blacklist directly", async () => {
    const code = await createEnterprise(t);
    await recordPenalty(t, em, code, { decidedOn: recent(40) });
    await recordPenalty(t, em, code, { decidedOn: recent(3) });
    expect((await t.gql(WATCH, { c: code }, em)).data?.enterprise.watchlist.map((w: any) => w.status)).toEqual(["ACTIVE"]);

    const [listed] = (await blacklist(t, em, code)).filter((e: any) => e.subjectType === "ENTERPRISE");
    const after = (await t.gql(WATCH, { c: code }, em)).data?.enterprise;
    expect(after).toMatchObject({ onWatchlist: false, onBlacklist: true });
    expect(after.watchlist).toHaveLength(1);
    expect(after.watchlist[0]).toMatchObject({ status: "ESCALATED", escalatedTo: { id: listed.id, status: "ACTIVE" } });
  });

  it("escalates the watch it names even with a blacklist entry already past its validity; a back-dated direct listing leaves the watch", async () => {
    const addWatch = `mutation($input: WatchlistInput!) { addToWatchlist(input: $input) { id status } }`;
    const backDated = { listedOn: addDays(today(), -800), validUntil: addDays(today(), -1) };

    // Listed directly with a back-dated decision: a record of the past; the current watch goes on.
    const direct = await createEnterprise(t);
    expect((await t.gql(addWatch, { input: { creditCode: direct, reason: "隐患整改不到位" } }, em)).data?.addToWatchlist.status).toBe("ACTIVE");
    const [expired] = await blacklist(t, em, direct, backDated);
    expect(expired).toMatchObject({ subjectType: "ENTERPRISE", status: "EXPIRED" });
    const read = (await t.gql(WATCH, { c: direct }, em)).data?.enterprise;
    expect(read).toMatchObject({ onWatchlist: true, onBlacklist: false });
    expect(read.watchlist[0]).toMatchObject({ status: "ACTIVE", escalatedTo: null });

    // Through escalateWatchlistEntry: the entry it names must not stay ACTIVE.
    const escalated = await createEnterprise(t);
    const watch = (await t.gql(addWatch, { input: { creditCode: escalated, reason: "隐患整改不到位" } }, em)).data?.addToWatchlist;
    const res = await t.gql(
      `mutation($id: ID!, $input: BlacklistInput!) { escalateWatchlistEntry(id: $id, input: $input) { id status } }`,
      { id: watch.id, input: { creditCode: escalated, decisionNumber: "苏应急黑〔2024〕7号", ground: "SERIOUS_VIOLATION_DURING_WATCH", reason: "重点关注期间再次发生严重违法行为", ...backDated } },
      em,
    );
    expect(res.data?.escalateWatchlistEntry.status).toBe("EXPIRED");
    const entry = (await t.gql(WATCH, { c: escalated }, em)).data?.enterprise.watchlist[0];
    expect(entry).toMatchObject({ id: watch.id, status: "ESCALATED", escalatedTo: { id: res.data?.escalateWatchlistEntry.id } });
  });

  it("is EXPIRED the day after validUntil in every read and filter, with no job run", async () => {
    const oversight = await t.agency("CREDIT_OFFICE");
    const code = await createEnterprise(t, { name: "徐州到期观察化工有限公司", regionCode: "320302" });
    const add = await t.gql(`mutation($input: WatchlistInput!) { addToWatchlist(input: $input) { id status basis listedBy } }`,
      { input: { creditCode: code, reason: "隐患整改不到位", validUntil: today() } }, oversight);
    expect(add.data?.addToWatchlist).toMatchObject({ status: "ACTIVE", basis: "DEPARTMENT", listedBy: "CREDIT_OFFICE" });
    const filter = `{ enterprises(filter: { nameContains: "到期观察", onWatchlist: true }) { totalCount } }`;
    expect((await t.gql(filter, {}, em)).data?.enterprises.totalCount).toBe(1);

    setClockOffsetDays(1);
    const read = (await t.gql(WATCH, { c: code }, em)).data?.enterprise;
    expect(read.onWatchlist).toBe(false);
    expect(read.watchlist[0].status).toBe("EXPIRED");
    expect((await t.gql(filter, {}, em)).data?.enterprises.totalCount).toBe(0);
  });

  it("records two concurrent qualifying penalties and leaves exactly one ACTIVE entry", async () => {
    const code = await createEnterprise(t);
    await recordPenalty(t, em, code, { decisionNumber: "C-0", decidedOn: recent(100) });
    const results = await Promise.all([
      recordPenalty(t, em, code, { decisionNumber: "C-1", decidedOn: recent(2) }),
      recordPenalty(t, em, code, { decisionNumber: "C-2", decidedOn: recent(1) }),
    ]);
    expect(results.map((r) => r.id)).toHaveLength(2);
    const rows = await t.sql(
      `SELECT count(*)::int AS n FROM watchlist_entry w JOIN enterprise e ON e.id = w.enterprise_id WHERE e.credit_code = $1 AND w.state = 'ACTIVE'`,
      [code],
    );
    expect(rows[0].n).toBe(1);
    expect((await t.sql(`SELECT count(*)::int AS n FROM penalty p JOIN enterprise e ON e.id = p.enterprise_id WHERE e.credit_code = $1`, [code]))[0].n).toBe(3);
  });

  it("keeps the watchlist inside government: hidden from the public, and its filter FORBIDDEN to it", async () => {
    const code = await createEnterprise(t);
    const pub = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name onWatchlist } }`, { c: code });
    expect(pub.data?.enterprise).toEqual({ name: expect.any(String), onWatchlist: null });
    expect(pub.errors?.[0]).toMatchObject({ path: ["enterprise", "onWatchlist"], extensions: { code: "FORBIDDEN" } });
    const filtered = await t.gql(`{ enterprises(filter: { onWatchlist: false }) { totalCount } }`);
    expect(filtered.errors?.[0]).toMatchObject({ path: ["enterprises"], extensions: { code: "FORBIDDEN" } });
    expect(filtered.data).toBeNull();
    const plain = await t.gql(`{ enterprises(filter: { onBlacklist: false }, first: 1) { edges { node { name } } } }`);
    expect(plain.errors).toBeUndefined();
  });

  it("lets only OVERSIGHT list and remove manually", async () => {
    const code = await createEnterprise(t);
    const finance = await t.agency("FINANCE");
    const denied = await t.gql(`mutation($input: WatchlistInput!) { addToWatchlist(input: $input) { id } }`, { input: { creditCode: code, reason: "x" } }, finance);
    expect(denied.errors?.[0].extensions).toEqual({ code: "FORBIDDEN" });
    const added = await t.gql(`mutation($input: WatchlistInput!) { addToWatchlist(input: $input) { id } }`, { input: { creditCode: code, reason: "x" } }, em);
    const removed = await t.gql(`mutation($id: ID!) { removeFromWatchlist(id: $id, reason: "整改完成") { status } }`, { id: added.data?.addToWatchlist.id }, em);
    expect(removed.data?.removeFromWatchlist.status).toBe("REMOVED");
  });
});

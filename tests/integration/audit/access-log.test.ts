import { today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, setPerson } from "../../helpers/factories";
import { runHubCli } from "../../helpers/cli";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const LOG = `query($c: CreditCode) { accessLog(creditCode: $c, first: 20) { totalCount edges { node {
  id operationName purpose subjects sensitiveFields deniedFields hash previousHash agency { department } } } } }`;
const VERIFY = `{ verifyAccessLog { ok checked firstBrokenId } }`;

describe("access log (信用信息查询记录)", () => {
  let t: TestHub;
  let em: string;
  let credit: string;
  let code: string;
  let idNumber: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    credit = await t.agency("CREDIT_OFFICE");
    code = await createEnterprise(t);
    idNumber = (await setPerson(t, em, code, "LEGAL_REPRESENTATIVE")).input.idNumber;
  });
  afterAll(() => t.stop());

  const records = async (token: string, c: string | null = code) => {
    await t.hub.flushAccessLog();
    return (await t.gql(LOG, { c }, token)).data?.accessLog;
  };

  it("records a read with its purpose and the shielded fields returned to an ID department", async () => {
    await t.gql(`query Profile($c: CreditCode!) { enterprise(creditCode: $c, purpose: BIDDING) { name responsiblePersons { person { idNumber } } } }`, { c: code }, em);
    const [latest] = (await records(em)).edges.map((e: any) => e.node);
    expect(latest).toMatchObject({ operationName: "Profile", purpose: "BIDDING", subjects: [code], agency: { department: "EMERGENCY_MANAGEMENT" } });
    expect(latest.sensitiveFields).toContain("Person.idNumber");
    expect(latest.deniedFields).toEqual([]);
    const [row] = await t.sql(`SELECT * FROM access_record WHERE id = $1`, [latest.id]);
    expect(JSON.stringify(row)).not.toContain(idNumber);
  });

  it("records a denied read with the fields denied, and a credit review", async () => {
    const finance = await t.agency("FINANCE");
    await t.gql(`query Denied($c: CreditCode!) { enterprise(creditCode: $c) { name responsiblePersons { person { idNumber } } } }`, { c: code }, finance);
    await t.gql(`query Review($c: [CreditCode!]!) { creditReview(creditCodes: $c, matter: GOVERNMENT_PROCUREMENT) { verdict } }`, { c: [code] }, finance);
    const mine = (await records(finance)).edges.map((e: any) => e.node);
    expect(mine.map((r: any) => r.operationName)).toEqual(["Review", "Denied"]);
    expect(mine[1].deniedFields).toEqual(["Person.idNumber"]);
    expect(mine[0]).toMatchObject({ purpose: "GOVERNMENT_PROCUREMENT", subjects: [code] });
  });

  it("records a refusal decided by a service (a write outside the agency's city) as a denied attempt", async () => {
    const suzhou = await t.agency("EMERGENCY_MANAGEMENT", { region: "320500" });
    const res = await t.gql(
      // Under an alias: the log names the field refused, not the name the caller chose for it.
      `mutation Outside($input: PenaltyInput!) { harmless: recordPenalty(input: $input) { id } }`,
      { input: { creditCode: code, decisionNumber: "苏应急罚〔2026〕99号", decidedOn: "2026-01-15", violation: "未按规定开展安全培训", penaltyTypes: ["WARNING"] } },
      suzhou,
    );
    expect(res.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const mine = (await records(suzhou, null)).edges.map((e: any) => e.node);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ operationName: "Outside", deniedFields: ["Mutation.recordPenalty"] });
  });

  it("records a batch item refused for a measure the department does not implement", async () => {
    const [entry] = await blacklist(t, em, await createEnterprise(t), { includeRoles: [] });
    const finance = await t.agency("FINANCE");
    const res = await t.gql(
      `mutation Batch($inputs: [SanctionFeedbackInput!]!) { registerSanctionFeedbackBatch(inputs: $inputs) { accepted rejected items { index error { code } } } }`,
      { inputs: [
        { clientReference: "B-1", blacklistEntryId: entry.id, measure: "RESTRICT_GOVERNMENT_PROCUREMENT", matter: "GOVERNMENT_PROCUREMENT", appliedOn: today(), outcome: "APPLIED" },
        { clientReference: "B-2", blacklistEntryId: entry.id, measure: "RESTRICT_LAND_TRANSFER", matter: "LAND_TRANSFER", appliedOn: today(), outcome: "APPLIED" },
      ] },
      finance,
    );
    expect(res.data?.registerSanctionFeedbackBatch).toMatchObject({ accepted: 1, rejected: 1, items: [{ index: 0, error: null }, { index: 1, error: { code: "FORBIDDEN" } }] });
    const mine = (await records(finance, null)).edges.map((e: any) => e.node);
    expect(mine.find((r: any) => r.operationName === "Batch")).toMatchObject({ deniedFields: ["Mutation.registerSanctionFeedbackBatch"] });
  });

  it("shows an agency only its own records; CREDIT_OFFICE sees all", async () => {
    const own = (await records(em)).edges.map((e: any) => e.node.agency.department);
    expect(new Set(own)).toEqual(new Set(["EMERGENCY_MANAGEMENT"]));
    const all = (await records(credit)).edges.map((e: any) => e.node.agency.department);
    expect(new Set(all)).toEqual(new Set(["EMERGENCY_MANAGEMENT", "FINANCE"]));
    expect((await t.gql(VERIFY, {}, em)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });

  it("chains every record to the previous one, and verifies intact", async () => {
    for (let i = 0; i < 5; i++) await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, { c: code }, em);
    await t.hub.flushAccessLog();
    const rows = await t.sql(`SELECT id, previous_hash, hash FROM access_record ORDER BY id`);
    for (let i = 1; i < rows.length; i++) expect(rows[i].previous_hash).toBe(rows[i - 1].hash);
    expect((await t.gql(VERIFY, {}, credit)).data?.verifyAccessLog).toEqual({ ok: true, checked: rows.length, firstBrokenId: null });
  });

  it("verifies intact while reads keep appending records", async () => {
    const reads = Array.from({ length: 40 }, () => t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, { c: code }, em));
    const checks = [];
    for (let i = 0; i < 8; i++) {
      checks.push((await t.gql(VERIFY, {}, credit)).data?.verifyAccessLog);
      await t.hub.flushAccessLog();
    }
    await Promise.all(reads);
    await t.hub.flushAccessLog();
    for (const check of checks) expect(check).toMatchObject({ ok: true, firstBrokenId: null });
  });

  it("keeps one unbroken chain in id order when batches overlap (the next is sent while one commits)", async () => {
    const before = Number((await t.sql(`SELECT count(*) AS n FROM access_record`))[0].n);
    // 200 reads in waves of 50: each wave's records arrive while the previous batch is committing.
    for (let wave = 0; wave < 4; wave++) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, { c: code }, em)),
      );
      for (const a of answers) expect(a.errors).toBeUndefined();
    }
    await t.hub.flushAccessLog();
    const rows = await t.sql(`SELECT id, previous_hash, hash FROM access_record ORDER BY id`);
    expect(rows.length - before).toBeGreaterThanOrEqual(200);
    for (let i = 1; i < rows.length; i++) expect(rows[i].previous_hash).toBe(rows[i - 1].hash);
    const [head] = await t.sql(`SELECT last_id::text AS id, last_hash AS hash, records::int AS records FROM access_chain_head`);
    expect(head).toEqual({ id: String(rows.at(-1).id), hash: rows.at(-1).hash, records: rows.length });
    expect((await t.gql(VERIFY, {}, credit)).data?.verifyAccessLog).toMatchObject({ ok: true, firstBrokenId: null });
  });

  it("names the first broken record when any record is changed or deleted", async () => {
    for (let i = 0; i < 4; i++) await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, { c: code }, em);
    await t.hub.flushAccessLog();
    const ids = (await t.sql(`SELECT id::text AS id FROM access_record ORDER BY access_record.id`)).map((r: any) => r.id);
    const verify = async () => (await t.gql(VERIFY, {}, credit)).data?.verifyAccessLog;
    expect(await runHubCli(t.databaseEnv, "audit", "verify")).toEqual({ output: expect.stringMatching(/^access log intact: \d+ records, \d+ signed checkpoints$/), exitCode: 0 });

    // The table refuses edits outright; only its owner, switching the guard off, can tamper.
    await expect(t.sql(`UPDATE access_record SET operation_name = 'Innocent' WHERE id = $1`, [ids[2]])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(t.sql(`DELETE FROM access_record WHERE id = $1`, [ids[2]])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(t.sql(`TRUNCATE access_record`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect((await verify()).ok).toBe(true);
    await t.sql(`ALTER TABLE access_record DISABLE TRIGGER access_record_append_only`);

    const target = ids[2];
    const [original] = await t.sql(`SELECT operation_name FROM access_record WHERE id = $1`, [target]);
    await t.sql(`UPDATE access_record SET operation_name = 'Innocent' WHERE id = $1`, [target]);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: target, checked: 2 });
    // The offline check (`hub audit verify`) finds the same record and fails.
    expect(await runHubCli(t.databaseEnv, "audit", "verify")).toEqual({
      output: `access log BROKEN at record ${target} (2 records before it are intact)\n  record ${target}: hash does not match its content and the previous record (edited, re-hashed, or a record before it removed)`,
      exitCode: 1,
    });
    await t.sql(`UPDATE access_record SET operation_name = $2 WHERE id = $1`, [target, original.operation_name]);
    expect((await verify()).ok).toBe(true);

    const [saved] = await t.sql(`SELECT * FROM access_record WHERE id = $1`, [ids[3]]);
    await t.sql(`DELETE FROM access_record WHERE id = $1`, [ids[3]]);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: ids[4] });
    await t.sql(
      `INSERT INTO access_record SELECT * FROM json_populate_record(NULL::access_record, $1::json)`,
      [JSON.stringify(saved)],
    );
    expect((await verify()).ok).toBe(true);

    // Each verifyAccessLog call is itself a recorded read (written before its answer): take the newest now.
    const [{ last }] = await t.sql(`SELECT max(id)::text AS last FROM access_record`);
    await t.sql(`DELETE FROM access_record WHERE id = $1`, [last]);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenId: last });
  });
});

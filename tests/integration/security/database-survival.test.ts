import { Client } from "pg";
import { addDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, RECORD_PENALTY, SET_PERSON, setPerson, UPSERT } from "../../helpers/factories";
import { type HubProcess, startHubProcess, stopHubProcess } from "../../helpers/hub-process";
import { newCreditCode, newIdNumber } from "../../helpers/identifiers";
import { startTestHub, type TestHub } from "../../helpers/test-hub";
import { describeOnPostgres as withServer } from "../../helpers/requires";

// A PostgreSQL server is needed to take connections away from the hub (the embedded database lives
// inside the hub's own process). CI runs with one.

const READ = `query SurvivalRead($c: CreditCode!) { enterprise(creditCode: $c) { name onWatchlist
  penalties(first: 5) { totalCount edges { node { decisionNumber } } } responsiblePersons { role person { name } } } }`;
const FEEDBACK = `mutation($input: SanctionFeedbackInput!) { registerSanctionFeedback(input: $input) { replayed feedback { id } } }`;

interface Answer {
  status: number;
  code?: string;
}

/** POSTs to a hub process; a refused or reset connection counts as status 0 (never acceptable). */
async function post(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<Answer> {
  try {
    const res = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    return { status: res.status, code: body.errors?.[0]?.extensions?.code };
  } catch {
    return { status: 0 };
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

withServer("the hub survives its database connections being terminated", () => {
  let t: TestHub;
  let hub: HubProcess;
  const exits: (number | null)[] = [];
  let tokens: { em: string; mr: string; finance: string };
  let base: string[];
  let entryId: string;
  beforeAll(async () => {
    t = await startTestHub();
    tokens = { em: await t.agency("EMERGENCY_MANAGEMENT"), mr: await t.agency("MARKET_REGULATION"), finance: await t.agency("FINANCE") };
    base = [];
    for (let i = 0; i < 8; i++) base.push(await createEnterprise(t));
    await setPerson(t, tokens.em, base[0], "LEGAL_REPRESENTATIVE");
    const entries = await blacklist(t, tokens.em, base[0], { listedOn: addDays(today(), -20) });
    entryId = entries.find((e: { subjectType: string }) => e.subjectType === "ENTERPRISE").id;
    hub = await startHubProcess({ ...t.databaseEnv, DB_CONNECT_TIMEOUT_MS: "1000", LOG_LEVEL: "warn" });
    hub.child.on("exit", (code) => exits.push(code));
  });
  afterAll(async () => {
    if (hub) await stopHubProcess(hub);
    await t.stop();
  });

  it("answers 200 or 503 through 20+ rounds of pg_terminate_backend under reads and writes, never exits, then serves with nothing half-written", async () => {
    const killer = new Client({ connectionString: t.databaseEnv.DATABASE_URL, application_name: "survival-killer" });
    await killer.connect();
    const answers: Answer[] = [];
    const upserts: { code: string; name: string; answer: Answer }[] = [];
    const penalties: { code: string; decisionNumber: string; answer: Answer }[] = [];
    const persons: { code: string; idNumber: string; answer: Answer }[] = [];
    const feedback: { clientReference: string; answer: Answer }[] = [];
    let reads200 = 0;
    let reads = 0;
    let running = true;
    let seq = 0;

    const loop = async (step: () => Promise<void>) => {
      while (running) await step();
    };
    const note = (a: Answer) => (answers.push(a), a);
    const loops = [
      ...Array.from({ length: 3 }, () =>
        loop(async () => {
          reads++;
          const a = note(await post(hub.url, tokens.em, READ, { c: base[seq++ % base.length] }));
          if (a.status === 200) reads200++;
        }),
      ),
      loop(async () => {
        const input = { creditCode: newCreditCode(), name: `存活测试${++seq}有限公司`, regionCode: "320102", sector: "HAZARDOUS_CHEMICALS" };
        upserts.push({ code: input.creditCode, name: input.name, answer: note(await post(hub.url, tokens.mr, UPSERT, { input })) });
      }),
      ...Array.from({ length: 2 }, (_, k) =>
        loop(async () => {
          const code = base[1 + ((seq++ * 2 + k) % (base.length - 1))];
          const input = {
            creditCode: code,
            decisionNumber: `苏应急罚〔2026〕S${++seq}号`,
            decidedOn: addDays(today(), -(1 + (seq % 100))),
            violation: "未按规定对从业人员进行安全生产教育和培训",
            penaltyTypes: ["FINE"],
            fineAmount: "50000.00",
          };
          penalties.push({ code, decisionNumber: input.decisionNumber, answer: note(await post(hub.url, tokens.em, RECORD_PENALTY, { input })) });
        }),
      ),
      loop(async () => {
        const code = base[seq++ % base.length];
        const input = { creditCode: code, role: "SAFETY_HEAD", name: "李强", idNumber: newIdNumber() };
        persons.push({ code, idNumber: input.idNumber, answer: note(await post(hub.url, tokens.em, SET_PERSON, { input })) });
      }),
      loop(async () => {
        const input = {
          clientReference: `SURVIVE-${++seq}`,
          blacklistEntryId: entryId,
          measure: "RESTRICT_GOVERNMENT_PROCUREMENT",
          matter: "GOVERNMENT_PROCUREMENT",
          appliedOn: addDays(today(), -1),
          outcome: "APPLIED",
        };
        feedback.push({ clientReference: input.clientReference, answer: note(await post(hub.url, tokens.finance, FEEDBACK, { input })) });
      }),
    ];

    // Every backend of the hub's database but the killer's own: the hub process's pool, its access
    // log writer and whatever the test hub holds.
    let rounds = 0;
    let hits = 0;
    let killed = 0;
    await sleep(300);
    for (let i = 0; i < 30; i++) {
      const [{ n }] = (
        await killer.query(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        )
      ).rows;
      rounds++;
      killed += n;
      if (n > 0) hits++;
      await sleep(100 + Math.random() * 100);
    }
    running = false;
    await Promise.all(loops);
    await killer.end();

    const count = (s: number) => answers.filter((a) => a.status === s).length;
    const codes = answers.reduce<Record<string, number>>((m, a) => ((m[`${a.status} ${a.code ?? ""}`.trim()] = (m[`${a.status} ${a.code ?? ""}`.trim()] ?? 0) + 1), m), {});
    const summary = { rounds, hits, killed, answers: answers.length, ok: count(200), unavailable: count(503), reads, reads200, codes };
    console.log("database survival:", JSON.stringify(summary));

    expect(hits).toBeGreaterThanOrEqual(20);
    expect(exits).toEqual([]);
    expect(hub.child.exitCode).toBeNull();
    // 200 means a clean answer: an error inside a 200 (an unclassified fault masked as
    // INTERNAL_SERVER_ERROR) is as wrong as a 500.
    const odd = answers.filter((a) => !(a.status === 200 && a.code === undefined) && !(a.status === 503 && a.code === "SERVICE_UNAVAILABLE"));
    if (odd.length) console.log(hub.output().split("\n").filter((l) => /unexpected error/.test(l)).slice(0, 3).join("\n"));
    expect(odd).toEqual([]);
    expect(count(503)).toBeGreaterThan(0); // the attack did reach requests in flight
    expect(count(200)).toBeGreaterThan(0);

    // It serves again by itself: a read and a write succeed within a few seconds.
    let again: Answer = { status: 0 };
    for (let i = 0; i < 40 && again.status !== 200; i++) {
      again = await post(hub.url, tokens.em, READ, { c: base[0] });
      if (again.status !== 200) await sleep(250);
    }
    expect(again.status).toBe(200);
    const last = { creditCode: newCreditCode(), name: "恢复后有限公司", regionCode: "320102", sector: "HAZARDOUS_CHEMICALS" };
    expect((await post(hub.url, tokens.mr, UPSERT, { input: last })).status).toBe(200);
    expect((await fetch(`${hub.url}/readyz`)).status).toBe(200);

    // A graceful stop writes every queued access record, batches whose connection died included.
    expect(await stopHubProcess(hub)).toBe(0);
    expect(exits).toEqual([0]);

    // Nothing half-written. Answered 200: present. Answered 503: whole or absent.
    const rows = async (text: string, params: unknown[]) => t.sql(text, params);
    for (const u of upserts) {
      const found = await rows(`SELECT name FROM enterprise WHERE credit_code = $1`, [u.code]);
      if (u.answer.status === 200) expect(found).toEqual([{ name: u.name }]);
      else expect(found.length === 0 || found[0].name === u.name).toBe(true);
    }
    for (const p of penalties) {
      const found = await rows(`SELECT 1 FROM penalty WHERE decision_number = $1`, [p.decisionNumber]);
      if (p.answer.status === 200) expect(found).toHaveLength(1);
      else expect(found.length).toBeLessThanOrEqual(1);
    }
    // A penalty commits with the listing it triggers: an enterprise with two penalties within a
    // year is on the watchlist, one with fewer is not.
    const standing = await rows(
      `SELECT e.credit_code AS code, count(pe.id)::int AS penalties,
         EXISTS (SELECT 1 FROM watchlist_entry w WHERE w.enterprise_id = e.id AND w.basis = 'AUTOMATIC_RULE') AS listed
       FROM enterprise e JOIN penalty pe ON pe.enterprise_id = e.id WHERE e.credit_code = ANY($1) GROUP BY e.id`,
      [base],
    );
    expect(standing.length).toBeGreaterThan(0);
    for (const s of standing) expect({ code: s.code, listed: s.listed }).toEqual({ code: s.code, listed: s.penalties >= 2 });
    for (const p of persons) {
      const [found] = await rows(
        `SELECT (SELECT count(*)::int FROM person WHERE id_number = $1) AS person,
           (SELECT count(*)::int FROM responsible_person rp JOIN person x ON x.id = rp.person_id JOIN enterprise e ON e.id = rp.enterprise_id
             WHERE x.id_number = $1 AND e.credit_code = $2) AS role`,
        [p.idNumber, p.code],
      );
      if (p.answer.status === 200) expect(found).toEqual({ person: 1, role: 1 });
      else expect([{ person: 0, role: 0 }, { person: 1, role: 1 }]).toContainEqual(found);
    }
    for (const f of feedback) {
      const found = await rows(`SELECT 1 FROM sanction_feedback WHERE client_reference = $1`, [f.clientReference]);
      expect(found).toHaveLength(f.answer.status === 200 ? 1 : found.length > 0 ? 1 : 0);
    }
    // Access records: one per answered read at least (a read cut off may have been logged too), none twice.
    const [{ logged }] = await rows(`SELECT count(*)::int AS logged FROM access_record WHERE operation_name = 'SurvivalRead'`, []);
    expect(logged).toBeGreaterThanOrEqual(reads200);
    expect(logged).toBeLessThanOrEqual(reads);
    const verify = await t.gql(`{ verifyAccessLog { ok firstBrokenId } }`, {}, await t.agency("CREDIT_OFFICE"));
    expect(verify.data?.verifyAccessLog).toEqual({ ok: true, firstBrokenId: null });
  });
});

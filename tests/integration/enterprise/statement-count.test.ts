import { statementCounter } from "../../../src/db/statement-counter";
import { blacklist, createEnterprise, setPerson } from "../../helpers/factories";
import { newCreditCode } from "../../helpers/identifiers";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const PROFILE = `query($c: CreditCode!) { enterprise(creditCode: $c) {
  creditCode name regionCode sector status
  responsiblePersons(current: false) { role since until person { name idNumberMasked roles { role } } enterprise { name } }
  penalties(first: 20) { totalCount edges { node { decisionNumber decidedOn isPublic agency { name } person { name } } } }
  commitments { kind breach { description } } accidents { level } repairs { status }
  onWatchlist watchlist { status triggeringPenalties { decisionNumber } escalatedTo { id } }
  onBlacklist measuresInForce
  blacklist { status role measures { code } person { name onBlacklist marketBanUntil } tasks { status measure { code } department } } } }`;

const LIST = `query($first: Int) { enterprises(first: $first, filter: { regionCode: "320300" }) { edges { node {
  name responsiblePersons { role person { name } } penalties(first: 5) { totalCount edges { node { decisionNumber } } }
  onBlacklist onWatchlist measuresInForce blacklist { status person { marketBanUntil } tasks { status } } watchlist { status } } } } }`;

describe("SQL statements per query", () => {
  let t: TestHub;
  let token: string;
  beforeAll(async () => {
    t = await startTestHub();
    token = await t.agency("EMERGENCY_MANAGEMENT");
  });
  afterAll(() => t.stop());

  async function statementsFor(query: string, variables: Record<string, unknown>): Promise<number> {
    await t.hub.flushAccessLog(); // earlier records' batch must not land inside the measurement
    const before = statementCounter.value;
    const res = await t.gql(query, variables, token);
    expect(res.errors).toBeUndefined();
    return statementCounter.value - before;
  }

  /** Seeds one enterprise with `persons` holders and `penalties` penalties, through SQL for speed. */
  async function seed(regionCode: string, persons: number, penalties: number): Promise<string> {
    const code = await createEnterprise(t, { regionCode });
    const { input } = await setPerson(t, token, code, "LEGAL_REPRESENTATIVE");
    const [{ id }] = await t.sql(`SELECT id FROM enterprise WHERE credit_code = $1`, [code]);
    await t.sql(
      `WITH p AS (INSERT INTO person (id_number, name)
         SELECT lpad(abs(hashtext($1 || g))::text, 17, '3') || 'X', '员工' || g FROM generate_series(1, $2::int) g RETURNING id)
       INSERT INTO responsible_person (enterprise_id, person_id, role, since) SELECT $3, id, 'DIRECTLY_RESPONSIBLE', '2020-01-01' FROM p`,
      [code, persons - 1, id],
    );
    await t.sql(
      `INSERT INTO penalty (enterprise_id, decision_number, department, decided_on, violation, penalty_types, public_until, severity, person_id)
       SELECT $1, 'D-' || g, 'EMERGENCY_MANAGEMENT', DATE '2025-01-01' - g, 'v', '{SUSPEND_PRODUCTION}', DATE '2028-01-01', 'GENERAL',
         (SELECT id FROM person WHERE id_number = $3)
       FROM generate_series(1, $2::int) g`,
      [id, penalties, input.idNumber],
    );
    // Lists: a watchlist entry escalated to a blacklist entry that brings every person, with tasks.
    await t.sql(
      `INSERT INTO watchlist_entry (enterprise_id, basis, reason, listed_on, valid_until, warning_issued_on)
       VALUES ($1, 'AUTOMATIC_RULE', 'seeded', CURRENT_DATE, CURRENT_DATE + 365, CURRENT_DATE)`,
      [id],
    );
    const [entry] = await blacklist(t, token, code);
    // Commitments, accidents and repairs: one per ten penalties.
    await t.sql(
      `INSERT INTO accident (enterprise_id, occurred_on, level, deaths, injuries, direct_loss, description)
       SELECT $1, CURRENT_DATE - g, 'ORDINARY', 0, 1, 100.50, 'a' || g FROM generate_series(1, $2::int) g`,
      [id, Math.ceil(penalties / 10)],
    );
    await t.sql(
      `INSERT INTO credit_repair (enterprise_id, blacklist_entry_id, actions, statement, status, decided_by, decided_at, decision_reason)
       SELECT $1, $2, '{PUBLIC_COMMITMENT}', 'r' || g, 'REJECTED', 'EMERGENCY_MANAGEMENT', now(), 'no' FROM generate_series(1, $3::int) g`,
      [id, entry.id, Math.ceil(penalties / 10)],
    );
    await t.sql(
      `INSERT INTO commitment (enterprise_id, kind, content, committed_on, accepted_by) SELECT $1, 'MARKET_ACCESS', 'c' || g, '2025-01-01', 'EMERGENCY_MANAGEMENT'
       FROM generate_series(1, $2::int) g`,
      [id, Math.ceil(penalties / 10)],
    );
    return code;
  }

  it("is the same for 1 person, 1 penalty, 2 entries as for 20 persons, 200 penalties, 21 entries and their tasks, 20 commitments, accidents and repairs", async () => {
    const small = await seed("320302", 1, 1);
    const large = await seed("320303", 20, 200);
    const smallCount = await statementsFor(PROFILE, { c: small });
    const largeCount = await statementsFor(PROFILE, { c: large });
    expect(smallCount).toBeGreaterThan(0);
    expect(largeCount).toBe(smallCount);
  });

  it("is the same for enterprises(first: 45) as for first: 1", async () => {
    for (let i = 0; i < 6; i++) await seed("320311", 3, 4);
    // 50 more in the city, each with a legal representative and a penalty, so that a page of 45 is full
    // (45, not 50: with every enum value and unpaged list counted, 50 of these profiles cost over 5000).
    const codes = Array.from({ length: 50 }, () => newCreditCode("320312"));
    await t.sql(
      `WITH e AS (INSERT INTO enterprise (credit_code, name, region_code, sector)
         SELECT c, '徐州批量企业' || i, '320312', 'HAZARDOUS_CHEMICALS' FROM unnest($1::text[]) WITH ORDINALITY AS u(c, i) RETURNING id, credit_code),
       p AS (INSERT INTO person (id_number, name) SELECT lpad(abs(hashtext(credit_code))::text, 17, '4') || 'X', '法人' || credit_code FROM e RETURNING id, name),
       r AS (INSERT INTO responsible_person (enterprise_id, person_id, role, since)
         SELECT e.id, p.id, 'LEGAL_REPRESENTATIVE', '2020-01-01' FROM e JOIN p ON p.name = '法人' || e.credit_code)
       INSERT INTO penalty (enterprise_id, decision_number, department, decided_on, violation, penalty_types, public_until, severity)
       SELECT id, 'B-' || credit_code, 'EMERGENCY_MANAGEMENT', DATE '2025-06-01', 'v', '{SUSPEND_PRODUCTION}', DATE '2028-06-01', 'GENERAL' FROM e`,
      [codes],
    );
    const one = await statementsFor(LIST, { first: 1 });
    const many = await statementsFor(LIST, { first: 45 });
    expect(many).toBe(one);
    const page = await t.gql(LIST, { first: 45 }, token);
    expect(page.data?.enterprises.edges).toHaveLength(45);
    expect(page.data?.enterprises.edges.every((e: any) => e.node.responsiblePersons.length > 0 && e.node.penalties.totalCount > 0)).toBe(true);
  });
});

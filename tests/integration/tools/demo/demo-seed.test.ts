import { loadConfig } from "../../../../src/config";
import { createHash } from "node:crypto";
import { generateDemoData } from "../../../../src/tools/demo/demo-data";
import { DEMO_ENTERPRISES, DEMO_SEED, isEmptyDatabase, seedDemoData } from "../../../../src/tools/demo/demo-seed.service";
import { addDays, addYears } from "../../../../src/shared/clock";
import { startTestHub, type TestHub } from "../../../helpers/test-hub";

const ANCHOR = "2025-06-30";

/** Everything the seed writes, without generated ids, tokens or timestamps. */
async function digest(t: TestHub): Promise<string> {
  const parts = await Promise.all([
    t.sql(`SELECT credit_code, name, region_code, sector, scale, affiliation, economic_type, address FROM enterprise ORDER BY credit_code`),
    t.sql(`SELECT id_number, name FROM person ORDER BY id_number`),
    t.sql(`SELECT e.credit_code, p.id_number, rp.role, rp.since::text, rp.until::text
           FROM responsible_person rp JOIN enterprise e ON e.id = rp.enterprise_id JOIN person p ON p.id = rp.person_id
           ORDER BY 1, 2, 3, 4`),
    t.sql(`SELECT e.credit_code, pe.decision_number, pe.department, a.department AS agency, pe.decided_on::text, pe.violation,
             pe.legal_basis, pe.penalty_types, pe.fine_amount::text, pe.public_until::text, p.id_number
           FROM penalty pe JOIN enterprise e ON e.id = pe.enterprise_id JOIN agency a ON a.id = pe.agency_id
             LEFT JOIN person p ON p.id = pe.person_id
           ORDER BY 1, 2`),
    t.sql(`SELECT name, department, region_code, scopes FROM agency WHERE revoked_at IS NULL ORDER BY department`),
    t.sql(`SELECT e.credit_code, w.basis, w.listed_on::text FROM watchlist_entry w JOIN enterprise e ON e.id = w.enterprise_id ORDER BY 1`),
    t.sql(`SELECT e.credit_code, g.grade, g.factors FROM credit_grade g JOIN enterprise e ON e.id = g.enterprise_id ORDER BY 1`),
    // The stories written through the services: listings, their tasks and feedback, repairs, signals, risk.
    t.sql(`SELECT e.credit_code, b.subject_type, p.id_number, b.decision_number, b.ground, b.listed_on::text, b.valid_until::text, b.state
           FROM blacklist_entry b JOIN enterprise e ON e.id = b.enterprise_id LEFT JOIN person p ON p.id = b.person_id ORDER BY 1, 2, 3, 4`),
    t.sql(`SELECT e.credit_code, p.id_number, t.measure, t.department, t.due_on::text, t.distributed_at::text
           FROM sanction_task t JOIN blacklist_entry b ON b.id = t.blacklist_entry_id JOIN enterprise e ON e.id = b.enterprise_id
             LEFT JOIN person p ON p.id = b.person_id ORDER BY 1, 2, 3, 4`),
    t.sql(`SELECT f.department, f.client_reference, f.measure, f.matter, f.outcome, f.applied_on::text, f.supersedes IS NOT NULL AS correction
           FROM sanction_feedback f ORDER BY 1, 2`),
    t.sql(`SELECT e.credit_code, r.status, r.decided_by, pe.decision_number, r.blacklist_entry_id IS NOT NULL AS listing
           FROM credit_repair r JOIN enterprise e ON e.id = r.enterprise_id LEFT JOIN penalty pe ON pe.id = r.penalty_id ORDER BY 1, 4`),
    t.sql(`SELECT e.credit_code, s.type, s.occurred_on::text, s.source FROM risk_signal s JOIN enterprise e ON e.id = s.enterprise_id ORDER BY 1, 2`),
    t.sql(`SELECT e.credit_code, ra.level, ra.score::text FROM risk_assessment ra JOIN enterprise e ON e.id = ra.enterprise_id ORDER BY 1`),
  ]);
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

const COUNT_ALL = `SELECT (SELECT count(*) FROM agency)::int AS agencies, (SELECT count(*) FROM enterprise)::int AS enterprises,
  (SELECT count(*) FROM person)::int AS persons, (SELECT count(*) FROM responsible_person)::int AS holders,
  (SELECT count(*) FROM penalty)::int AS penalties, (SELECT count(*) FROM watchlist_entry)::int AS watched,
  (SELECT count(*) FROM credit_grade)::int AS graded`;

describe("demo seed", () => {
  it("writes nothing when it fails; the same seed and anchor give the same rows on two databases", async () => {
    const a = await startTestHub();
    const b = await startTestHub();
    try {
      // Fail at the very last step, after agencies, enterprises, persons and penalties are written.
      const failing = jest.spyOn(a.hub.services.standing, "recompute").mockRejectedValueOnce(new Error("injected failure"));
      await expect(seedDemoData(a.hub.database.dataSource, a.hub.services, { anchor: ANCHOR })).rejects.toThrow("injected failure");
      expect(failing).toHaveBeenCalledTimes(1);
      failing.mockRestore();
      expect(await isEmptyDatabase(a.hub.database.dataSource)).toBe(true);
      expect((await a.sql(COUNT_ALL))[0]).toEqual({ agencies: 0, enterprises: 0, persons: 0, holders: 0, penalties: 0, watched: 0, graded: 0 });

      const first = await seedDemoData(a.hub.database.dataSource, a.hub.services, { anchor: ANCHOR });
      const second = await seedDemoData(b.hub.database.dataSource, b.hub.services, { anchor: ANCHOR });
      expect(first).toMatchObject({ seed: DEMO_SEED, anchor: ANCHOR, enterprises: DEMO_ENTERPRISES });
      expect(second.firstCreditCode).toBe(first.firstCreditCode);
      const [counts] = await a.sql(COUNT_ALL);
      expect(counts).toMatchObject({ enterprises: first.enterprises, persons: first.persons, penalties: first.penalties, graded: DEMO_ENTERPRISES });
      expect(await digest(a)).toBe(await digest(b));
      // The seed scored every enterprise with the hub's settings: the scheduled refresh has nothing to do today.
      expect(await a.hub.services.standing.refreshAll({ onlyIfDue: true })).toEqual({ enterprises: 0, upToDate: true });

      // Penalties are public for their severity's period, by PostgreSQL's own date arithmetic; the
      // severity follows the rule (only WARNING, or only a FINE up to 3,000: MINOR).
      const [{ off, wrongTier, tiers }] = await a.sql(`SELECT
          count(*) FILTER (WHERE public_until <> CASE severity WHEN 'MINOR' THEN decided_on - 1
            WHEN 'GENERAL' THEN (decided_on + interval '12 months')::date ELSE (decided_on + interval '36 months')::date END)::int AS off,
          count(*) FILTER (WHERE severity <> CASE WHEN penalty_types && '{REVOKE_LICENSE,DETENTION}' THEN 'SERIOUS'
            WHEN penalty_types <@ '{WARNING}' OR (penalty_types <@ '{FINE}' AND fine_amount <= 3000) THEN 'MINOR' ELSE 'GENERAL' END)::int AS "wrongTier",
          count(DISTINCT severity)::int AS tiers
        FROM penalty`);
      expect({ off, wrongTier }).toEqual({ off: 0, wrongTier: 0 });
      expect(tiers).toBeGreaterThanOrEqual(2);

      // Run again on another day: new keys (the old ones revoked), no second history for the same enterprises.
      const rerun = await seedDemoData(a.hub.database.dataSource, a.hub.services, { anchor: addDays(ANCHOR, 200) });
      expect((await a.sql(COUNT_ALL))[0]).toEqual({ ...counts, agencies: counts.agencies * 2 });
      expect(rerun.agencies.map((x) => x.token)).not.toEqual(expect.arrayContaining([first.agencies[0].token]));
      const [{ revoked }] = await a.sql(`SELECT count(*)::int AS revoked FROM agency WHERE revoked_at IS NOT NULL`);
      expect(revoked).toBe(first.agencies.length);

      // The configured publication periods reach the rows of enterprises new to the database.
      const publication = { generalMonths: 60, seriousMonths: 60 };
      await seedDemoData(b.hub.database.dataSource, b.hub.services, { seed: 7, enterprises: 20, anchor: ANCHOR, publication });
      const newCodes = generateDemoData({ count: 20, seed: 7, anchor: ANCHOR, publication }).enterprises.map((x) => x.creditCode);
      const rows = await b.sql(
        `SELECT pe.decided_on::text AS "decidedOn", pe.public_until::text AS "publicUntil", pe.severity
         FROM penalty pe JOIN enterprise e ON e.id = pe.enterprise_id WHERE e.credit_code = ANY($1)`,
        [newCodes],
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.publicUntil !== (r.severity === "MINOR" ? addDays(r.decidedOn, -1) : addYears(r.decidedOn, 5)))).toEqual([]);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it("dates the set from its anchor only, within the last four years", () => {
    const options = { count: DEMO_ENTERPRISES, seed: DEMO_SEED, anchor: ANCHOR, publication: loadConfig({}).publication };
    const data = generateDemoData(options);
    expect(generateDemoData({ ...options })).toEqual(data);
    expect(generateDemoData({ ...options, seed: DEMO_SEED + 1 }).enterprises[0].creditCode).not.toBe(data.enterprises[0].creditCode);

    const fourYearsBack = addYears(ANCHOR, -4);
    expect(data.penalties.filter((p) => p.decidedOn > ANCHOR || p.decidedOn < fourYearsBack)).toEqual([]);
    expect(data.holders.filter((h) => h.since > ANCHOR || (h.until !== null && (h.until > ANCHOR || h.until < h.since)))).toEqual([]);
    // Never penalised before it existed, nor blamed on a safety head not yet in post.
    const founded = new Map<string, string>();
    for (const h of data.holders) if (!founded.has(h.creditCode) || h.since < founded.get(h.creditCode)!) founded.set(h.creditCode, h.since);
    expect(data.penalties.filter((p) => p.decidedOn < founded.get(p.creditCode)!)).toEqual([]);
    // The printed demo enterprise has two penalties within 365 days: the watchlist rule applies.
    const firstCode = data.enterprises[0].creditCode;
    const recent = data.penalties.filter((p) => p.creditCode === firstCode && p.decidedOn >= addDays(ANCHOR, -365));
    expect(recent.length).toBeGreaterThanOrEqual(2);

    // Another anchor shifts the dates and nothing else.
    const later = generateDemoData({ ...options, anchor: addDays(ANCHOR, 100) });
    expect(later.enterprises).toEqual(data.enterprises);
    expect(later.persons).toEqual(data.persons);
    expect(later.penalties.map((p) => p.decidedOn)).toEqual(data.penalties.map((p) => addDays(p.decidedOn, 100)));
  });
});

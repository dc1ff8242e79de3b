import { createEnterprise } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

/** The migration to tiered publication sets the severity and cuts the public window of penalties recorded before it. */
describe("migration PenaltySeverity1765200000000", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.stop());

  it("tiers existing penalties and cuts their public window to the tier, keeping a shorter one", async () => {
    const code = await createEnterprise(t);
    const [{ id }] = await t.sql(`SELECT id FROM enterprise WHERE credit_code = $1`, [code]);
    const ds = t.hub.database.dataSource;
    const last = async () => (await t.sql(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`))[0].name;
    // Back to just before it (later migrations are undone first, through their own down()).
    while ((await last()) !== "PenaltySeverity1765200000000") await ds.undoLastMigration({ transaction: "each" });
    await ds.undoLastMigration({ transaction: "each" });
    // As the hub recorded them before: public for 3 years after the decision, or a shorter period given.
    await t.sql(
      `INSERT INTO penalty (enterprise_id, decision_number, department, decided_on, violation, penalty_types, fine_amount, public_until) VALUES
        ($1, 'M-warning', 'EMERGENCY_MANAGEMENT', '2025-01-31', 'v', '{WARNING}', NULL, '2028-01-31'),
        ($1, 'M-small-fine', 'EMERGENCY_MANAGEMENT', '2025-01-31', 'v', '{FINE}', 3000, '2028-01-31'),
        ($1, 'G-fine', 'EMERGENCY_MANAGEMENT', '2025-01-31', 'v', '{FINE}', 3000.01, '2028-01-31'),
        ($1, 'G-short', 'EMERGENCY_MANAGEMENT', '2025-01-31', 'v', '{FINE}', 9000, '2025-06-30'),
        ($1, 'S-revoke', 'EMERGENCY_MANAGEMENT', '2024-02-29', 'v', '{FINE,REVOKE_LICENSE}', 9000, '2027-02-28')`,
      [id],
    );
    await ds.runMigrations({ transaction: "each" });
    const rows = await t.sql(
      `SELECT decision_number AS n, severity, public_until::text AS until FROM penalty WHERE enterprise_id = $1 ORDER BY decision_number`,
      [id],
    );
    expect(rows).toEqual([
      { n: "G-fine", severity: "GENERAL", until: "2026-01-31" },
      { n: "G-short", severity: "GENERAL", until: "2025-06-30" },
      { n: "M-small-fine", severity: "MINOR", until: "2025-01-30" },
      { n: "M-warning", severity: "MINOR", until: "2025-01-30" },
      { n: "S-revoke", severity: "SERIOUS", until: "2027-02-28" },
    ]);
    // A penalty written after the migration must name its severity.
    await expect(
      t.sql(`INSERT INTO penalty (enterprise_id, decision_number, department, decided_on, violation, penalty_types, public_until)
             VALUES ($1, 'X', 'EMERGENCY_MANAGEMENT', '2025-01-31', 'v', '{WARNING}', '2025-01-30')`, [id]),
    ).rejects.toThrow(/severity/);
  });
});

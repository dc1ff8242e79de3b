import { generate } from "../../../src/tools/demo/generate";
import { startTestHub } from "../../helpers/test-hub";
import { describeOnPostgres as withServer } from "../../helpers/requires";

// COPY FROM STDIN needs a PostgreSQL server; the embedded database's socket does not carry it
// (the command refuses to run without DATABASE_URL).

withServer("hub generate", () => {
  it("streams a consistent data set with COPY: deterministic, valid identifiers, lists with their tasks", async () => {
    const t = await startTestHub();
    try {
      const [{ id: agencyId }] = await t.sql(
        `INSERT INTO agency (name, department, region_code, scopes, key_hash) VALUES ('gen', 'EMERGENCY_MANAGEMENT', '320000', '{read}', repeat('a', 64)) RETURNING id`,
      );
      const counts = await generate(t.hub.database.dataSource, { enterprises: 1200, seed: 7, agencyId });
      expect(counts.enterprise).toBe(1200);
      expect(counts.responsible_person / 1200).toBeGreaterThan(3);
      expect(counts.penalty / 1200).toBeGreaterThan(2);
      expect(counts.watchlist_entry).toBe(24);
      expect(counts.blacklist_entry).toBeGreaterThan(6);
      expect(counts.sanction_task).toBeGreaterThan(6 * 46);

      const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM enterprise`);
      expect(n).toBe(1200);
      // Same seed, same data: the names and codes of a fresh run match.
      const sample = await t.sql(`SELECT credit_code, name FROM enterprise ORDER BY credit_code LIMIT 3`);
      const token = await t.agency("EMERGENCY_MANAGEMENT");
      const res = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name responsiblePersons { person { idNumber } } blacklist { status } } }`, { c: sample[0].credit_code }, token);
      expect(res.errors).toBeUndefined();
      expect(res.data?.enterprise.name).toBe(sample[0].name);

      const again = await startTestHub();
      try {
        const [{ id: other }] = await again.sql(
          `INSERT INTO agency (name, department, region_code, scopes, key_hash) VALUES ('gen', 'EMERGENCY_MANAGEMENT', '320000', '{read}', repeat('b', 64)) RETURNING id`,
        );
        await generate(again.hub.database.dataSource, { enterprises: 1200, seed: 7, agencyId: other });
        expect(await again.sql(`SELECT credit_code, name FROM enterprise ORDER BY credit_code LIMIT 3`)).toEqual(sample);
      } finally {
        await again.stop();
      }
    } finally {
      await t.stop();
    }
  });
});

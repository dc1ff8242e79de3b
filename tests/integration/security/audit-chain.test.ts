import { chainHash } from "../../../src/modules/audit/access-chain";
import { runHubCli } from "../../helpers/cli";
import { createEnterprise } from "../../helpers/factories";
import { startHubProcess } from "../../helpers/hub-process";
import { startTestHub, type TestHub } from "../../helpers/test-hub";
import { describeOnPostgres as withServer } from "../../helpers/requires";

// Tampering as the table's owner, and a second hub process, need a PostgreSQL server.
const READ = (name: string) => `query ${name}($c: CreditCode!) { enterprise(creditCode: $c) { name } }`;

async function readAs(url: string, token: string, name: string, code: string): Promise<number> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: READ(name), variables: { c: code } }),
  });
  await res.text();
  return res.status;
}

/** A hub on a fresh database with `reads` recorded reads, the newest `after` of them past the last checkpoint. */
async function hubWithRecords(reads: number, after = 0): Promise<{ t: TestHub; verify: () => ReturnType<typeof runHubCli> }> {
  const t = await startTestHub();
  const token = await t.agency("EMERGENCY_MANAGEMENT");
  const code = await createEnterprise(t);
  for (let i = 0; i < reads; i++) {
    if (i === reads - after) await t.hub.checkpointAccessLog();
    expect(await readAs(t.hub.url, token, `Read${i}`, code)).toBe(200);
  }
  if (after === 0) await t.hub.checkpointAccessLog();
  return { t, verify: () => runHubCli(t.databaseEnv, "audit", "verify") };
}

withServer("access log: no gap, no quiet rewrite", () => {
  it("has a read in the log when its answer reaches the client (no flush)", async () => {
    const t = await startTestHub();
    try {
      const token = await t.agency("FINANCE");
      const code = await createEnterprise(t);
      for (let i = 0; i < 5; i++) {
        expect(await readAs(t.hub.url, token, `Answered${i}`, code)).toBe(200);
        const rows = await t.sql(`SELECT 1 FROM access_record WHERE operation_name = $1`, [`Answered${i}`]);
        expect(rows).toHaveLength(1);
      }
      // Concurrent answers share batches: each is still there as soon as it arrives.
      await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          expect(await readAs(t.hub.url, token, `Together${i}`, code)).toBe(200);
          expect(await t.sql(`SELECT 1 FROM access_record WHERE operation_name = $1`, [`Together${i}`])).toHaveLength(1);
        }),
      );
    } finally {
      await t.stop();
    }
  });

  it("withholds the answer (503) when its record cannot be written", async () => {
    const t = await startTestHub();
    try {
      const token = await t.agency("FINANCE");
      const code = await createEnterprise(t);
      // The append fails as it would on a full disk or a lost database.
      await t.sql(`CREATE FUNCTION fail_append() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`);
      await t.sql(`CREATE TRIGGER fail_append BEFORE INSERT ON access_record FOR EACH ROW EXECUTE FUNCTION fail_append()`);
      const res = await t.gql(READ("Unrecorded"), { c: code }, token);
      expect(res.status).toBe(503);
      expect(res.data).toBeUndefined();
      expect(res.errors).toEqual([{ message: expect.any(String), extensions: { code: "SERVICE_UNAVAILABLE" } }]);
      expect(JSON.stringify(res)).not.toContain(code);
      await t.sql(`DROP TRIGGER fail_append ON access_record`);
      expect((await t.gql(READ("Recorded"), { c: code }, token)).status).toBe(200);
      expect(await runHubCli(t.databaseEnv, "audit", "verify")).toMatchObject({ exitCode: 0 });
    } finally {
      await t.stop();
    }
  });

  it("loses no answered read when the hub is killed with SIGKILL right after answering", async () => {
    const t = await startTestHub();
    try {
      const token = await t.agency("FINANCE");
      const code = await createEnterprise(t);
      const hub = await startHubProcess(t.databaseEnv);
      const answered: string[] = [];
      let killed = false;
      const exited = new Promise((resolve) => hub.child.once("exit", resolve));
      await Promise.all(
        Array.from({ length: 300 }, async (_, i) => {
          const name = `Killed${i}`;
          const status = await readAs(hub.url, token, name, code).catch(() => 0);
          if (status === 200) answered.push(name);
          // Killed while other reads are in flight and records are being batched.
          if (answered.length >= 60 && !killed) {
            killed = true;
            hub.child.kill("SIGKILL");
          }
        }),
      );
      await exited;
      expect(answered.length).toBeGreaterThanOrEqual(60);
      const logged = new Set((await t.sql(`SELECT operation_name FROM access_record`)).map((r: { operation_name: string }) => r.operation_name));
      expect(answered.filter((name) => !logged.has(name))).toEqual([]);
      expect(await runHubCli(t.databaseEnv, "audit", "verify")).toMatchObject({ exitCode: 0 });
    } finally {
      await t.stop();
    }
  });

  it("names the first record when the owner re-hashes the chain with sha256 (no key)", async () => {
    const { t, verify } = await hubWithRecords(4);
    try {
      expect(await verify()).toMatchObject({ exitCode: 0, output: expect.stringMatching(/^access log intact: 4 records, \d+ signed checkpoints$/) });
      await t.sql(`ALTER TABLE access_record DISABLE TRIGGER access_record_append_only`);
      const rows = await t.sql(`SELECT id::text AS id, at, agency_id AS "agencyId", operation_name AS "operationName", purpose, subjects, persons,
        sensitive_fields AS "sensitiveFields", denied_fields AS "deniedFields" FROM access_record ORDER BY id`);
      // Claiming the keyed format, then claiming the old unkeyed one: both are named at the first record.
      for (const version of [2, 1]) {
        let previous = "0".repeat(64);
        for (const r of rows) {
          const hash = chainHash(previous, { ...r, at: new Date(r.at) });
          await t.sql(`UPDATE access_record SET previous_hash = $2, hash = $3, chain_version = $4 WHERE id = $1`, [r.id, previous, hash, version]);
          previous = hash;
        }
        await t.sql(`UPDATE access_chain_head SET last_hash = $1`, [previous]);
        const result = await verify();
        expect(result.exitCode).toBe(1);
        expect(result.output).toMatch(new RegExp(`^access log BROKEN at record ${rows[0].id} \\(0 records before it are intact\\)`));
        expect(result.output).toContain(`record ${rows[0].id}: `);
        // The signed checkpoint no longer matches the re-hashed head either.
        expect(result.output).toMatch(/checkpoint \d+: record \d+ no longer has the signed hash/);
      }
    } finally {
      await t.stop();
    }
  });

  it("names the checkpoint when the owner deletes the newest records and moves the head back", async () => {
    const { t, verify } = await hubWithRecords(6, 0);
    try {
      const [cp] = await t.sql(`SELECT id::text AS id, last_id::text AS "lastId" FROM access_checkpoint ORDER BY id DESC LIMIT 1`);
      await t.sql(`ALTER TABLE access_record DISABLE TRIGGER access_record_append_only`);
      const newest = await t.sql(`SELECT id::text AS id FROM access_record ORDER BY id DESC LIMIT 2`);
      await t.sql(`DELETE FROM access_record WHERE id >= $1`, [newest[1].id]);
      const [kept] = await t.sql(`SELECT id, hash FROM access_record ORDER BY id DESC LIMIT 1`);
      await t.sql(`UPDATE access_chain_head SET last_id = $1, last_hash = $2, records = records - 2`, [kept.id, kept.hash]);
      const result = await verify();
      expect(result.exitCode).toBe(1);
      expect(result.output).toContain(`checkpoint ${cp.id}: record ${cp.lastId} is missing (newest records removed)`);
    } finally {
      await t.stop();
    }
  });

  it("names a moved head, an edited or forged checkpoint, and removed checkpoints", async () => {
    const { t, verify } = await hubWithRecords(5, 2);
    try {
      const ids = (await t.sql(`SELECT id::text AS id, hash FROM access_record ORDER BY id`)) as { id: string; hash: string }[];
      // The head moved back onto an older record (the records after it left in place).
      const [head] = await t.sql(`SELECT last_id::text AS id, last_hash AS hash, records FROM access_chain_head`);
      await t.sql(`UPDATE access_chain_head SET last_id = $1, last_hash = $2, records = 3`, [ids[2].id, ids[2].hash]);
      let result = await verify();
      expect(result.exitCode).toBe(1);
      expect(result.output).toContain(`chain head: names record ${ids[2].id} (3 records) but the chain ends at record ${ids[4].id} (5 records)`);
      await t.sql(`UPDATE access_chain_head SET last_id = $1, last_hash = $2, records = $3`, [head.id, head.hash, head.records]);
      expect((await verify()).exitCode).toBe(0);

      // A checkpoint moved to another head, with a signature the owner can compute without the key.
      await t.sql(`ALTER TABLE access_checkpoint DISABLE TRIGGER access_checkpoint_append_only`);
      const [cp] = await t.sql(`SELECT id::text AS id FROM access_checkpoint WHERE last_id IS NOT NULL ORDER BY id DESC LIMIT 1`);
      await t.sql(`UPDATE access_checkpoint SET last_id = $2, last_hash = $3::text, records = 2, signature = encode(sha256(convert_to($3::text, 'UTF8')), 'hex') WHERE id = $1`, [
        cp.id, ids[1].id, ids[1].hash,
      ]);
      result = await verify();
      expect(result.exitCode).toBe(1);
      expect(result.output).toContain(`checkpoint ${cp.id}: bad signature`);

      // Every checkpoint removed: a non-empty log without one is named.
      await t.sql(`DELETE FROM access_checkpoint`);
      result = await verify();
      expect(result.exitCode).toBe(1);
      expect(result.output).toContain("no valid signed checkpoint");
    } finally {
      await t.stop();
    }
  });
});

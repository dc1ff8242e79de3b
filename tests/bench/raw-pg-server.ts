import http from "node:http";
import { Pool, types } from "pg";

/**
 * The practical limit for the profile: node:http and pg, one SQL statement that builds the same
 * JSON as tests/bench/operations/profile.graphql, no GraphQL, no permissions, no access log.
 */
types.setTypeParser(types.builtins.DATE, (v) => v);

const PROFILE_SQL = `
SELECT json_build_object('data', json_build_object('enterprise', (
  SELECT json_build_object(
    'creditCode', e.credit_code, 'name', e.name, 'regionCode', e.region_code, 'sector', e.sector, 'scale', e.scale,
    'affiliation', e.affiliation, 'economicType', e.economic_type, 'address', e.address, 'status', e.status,
    'responsiblePersons', coalesce((
      SELECT json_agg(json_build_object('role', rp.role, 'since', rp.since,
        'person', json_build_object('name', p.name, 'idNumberMasked', substr(p.id_number, 1, 6) || '********' || substr(p.id_number, 15)))
        ORDER BY array_position(ARRAY['LEGAL_REPRESENTATIVE', 'PRINCIPAL', 'SAFETY_HEAD', 'DIRECTLY_RESPONSIBLE'], rp.role), rp.since DESC)
      FROM responsible_person rp JOIN person p ON p.id = rp.person_id
      WHERE rp.enterprise_id = e.id AND rp.until IS NULL), '[]'::json),
    'penalties', json_build_object(
      'totalCount', (SELECT count(*) FROM penalty c WHERE c.enterprise_id = e.id),
      'edges', coalesce((
        SELECT json_agg(json_build_object('node', json_build_object('decisionNumber', x.decision_number, 'department', x.department,
          'decidedOn', x.decided_on, 'violation', x.violation, 'penaltyTypes', x.penalty_types, 'fineAmount', x.fine_amount::text,
          'isPublic', x.public_until >= $2::date, 'revoked', x.revoked_at IS NOT NULL)) ORDER BY x.decided_on DESC, x.id DESC)
        FROM (SELECT * FROM penalty pe WHERE pe.enterprise_id = e.id ORDER BY pe.decided_on DESC, pe.id DESC LIMIT 20) x), '[]'::json)))
  FROM enterprise e WHERE e.credit_code = $1)))::text AS body`;

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    try {
      const { variables } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { variables: { creditCode: string } };
      const { rows } = await pool.query({ name: "profile", text: PROFILE_SQL, values: [variables.creditCode, today()] });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(rows[0].body);
    } catch (err) {
      res.writeHead(500);
      res.end(String(err));
    }
  });
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`READY http://127.0.0.1:${port}\n`);
});
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));

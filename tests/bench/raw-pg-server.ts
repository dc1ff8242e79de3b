import http from "node:http";
import { Pool, types } from "pg";

/**
 * The practical limit for the profile: node:http and pg, one SQL statement that builds the same
 * JSON as tests/bench/operations/profile.graphql, no GraphQL, no permissions, no access log.
 */
types.setTypeParser(types.builtins.DATE, (v) => v);

// ALL_MEASURES and PERSON_MEASURES (src/modules/sanction/sanction-catalogue.ts), in catalogue order.
const ALL_MEASURES = `ARRAY['PUBLIC_EXPOSURE', 'INCREASED_INSPECTION', 'KEY_SUPERVISION', 'INTERVIEW_AND_TRAINING',
  'SUSPEND_STANDARDIZATION_REVIEW', 'REVOKE_STANDARDIZATION_CERTIFICATE', 'MARKET_BAN', 'HEAVIER_PUNISHMENT', 'RESTRICT_FINANCING',
  'RESTRICT_GOVERNMENT_PROCUREMENT', 'RESTRICT_BIDDING', 'RESTRICT_LAND_TRANSFER', 'RESTRICT_HONORS', 'RESTRICT_QUALIFICATION',
  'OTHER_STATUTORY']`;
const PERSON_MEASURES = `ARRAY['PUBLIC_EXPOSURE', 'INTERVIEW_AND_TRAINING', 'MARKET_BAN', 'HEAVIER_PUNISHMENT', 'RESTRICT_HONORS',
  'OTHER_STATUTORY']`;
const IN_FORCE = (alias: string) => `${alias}.state = 'ACTIVE' AND ${alias}.valid_until >= $2::date`;
const STATUS = (alias: string) => `CASE WHEN ${alias}.state = 'ACTIVE' AND ${alias}.valid_until < $2::date THEN 'EXPIRED' ELSE ${alias}.state END`;

// $1 credit code, $2 today (China). Keys, nesting, order and formats as the hub's answer under data.enterprise.
const PROFILE_SQL = `
SELECT json_build_object('data', json_build_object('enterprise', (
  SELECT json_build_object(
    'creditCode', e.credit_code, 'name', e.name, 'regionCode', e.region_code, 'sector', e.sector, 'scale', e.scale,
    'affiliation', e.affiliation, 'economicType', e.economic_type, 'address', e.address, 'status', e.status,
    'responsiblePersons', coalesce((
      SELECT json_agg(json_build_object('role', rp.role, 'since', rp.since,
        'person', json_build_object('name', p.name, 'idNumberMasked', substr(p.id_number, 1, 6) || '********' || substr(p.id_number, 15)))
        ORDER BY array_position(ARRAY['LEGAL_REPRESENTATIVE', 'PRINCIPAL', 'SAFETY_HEAD', 'DIRECTLY_RESPONSIBLE'], rp.role),
          rp.until DESC NULLS FIRST, rp.since DESC NULLS LAST, rp.id)
      FROM responsible_person rp JOIN person p ON p.id = rp.person_id
      WHERE rp.enterprise_id = e.id AND rp.until IS NULL), '[]'::json),
    'penalties', json_build_object(
      'totalCount', (SELECT count(*) FROM penalty c WHERE c.enterprise_id = e.id),
      'edges', coalesce((
        SELECT json_agg(json_build_object('node', json_build_object('decisionNumber', x.decision_number, 'department', x.department,
          'decidedOn', x.decided_on, 'violation', x.violation, 'penaltyTypes', x.penalty_types, 'fineAmount', x.fine_amount::text,
          'isPublic', x.public_until >= $2::date, 'revoked', x.revoked_at IS NOT NULL)) ORDER BY x.decided_on DESC, x.id DESC)
        FROM (SELECT * FROM penalty pe WHERE pe.enterprise_id = e.id ORDER BY pe.decided_on DESC, pe.id DESC LIMIT 20) x), '[]'::json)),
    'onWatchlist', s.watched,
    'onBlacklist', s.blacklisted,
    'measuresInForce', CASE WHEN s.blacklisted THEN ${ALL_MEASURES} WHEN s.holder_blacklisted THEN ${PERSON_MEASURES} ELSE '{}'::text[] END,
    'watchlist', coalesce((
      SELECT json_agg(json_build_object('basis', w.basis, 'status', ${STATUS("w")}, 'listedOn', w.listed_on,
        'validUntil', w.valid_until, 'warningIssuedOn', w.warning_issued_on) ORDER BY w.listed_on DESC, w.id)
      FROM watchlist_entry w WHERE w.enterprise_id = e.id), '[]'::json),
    'blacklist', coalesce((
      SELECT json_agg(json_build_object('subjectType', b.subject_type, 'ground', b.ground, 'status', ${STATUS("b")},
        'listedOn', b.listed_on, 'validUntil', b.valid_until) ORDER BY b.listed_on DESC, b.subject_type, b.id)
      FROM blacklist_entry b WHERE b.enterprise_id = e.id), '[]'::json),
    'creditGrade', CASE WHEN g.enterprise_id IS NOT NULL THEN json_build_object('grade', g.grade,
      'supervisionLevel', CASE g.grade WHEN 'A' THEN 'RELAXED' WHEN 'B' THEN 'NORMAL' WHEN 'C' THEN 'FOCUSED' WHEN 'D' THEN 'STRICT' END,
      'inspectionsPerYear', CASE g.grade WHEN 'A' THEN 1 WHEN 'B' THEN 2 WHEN 'C' THEN 6 WHEN 'D' THEN 12 END,
      'effectiveFrom', g.effective_from,
      'factors', (SELECT coalesce(json_agg(json_build_object('code', f.code) ORDER BY f.n), '[]'::json)
        FROM unnest(g.factors) WITH ORDINALITY AS f(code, n))) END,
    'riskAssessment', CASE WHEN ra.enterprise_id IS NOT NULL THEN json_build_object('score', ra.score::float8, 'level', ra.level,
      'assessedAt', to_char(ra.assessed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"')) END)
  FROM enterprise e
  CROSS JOIN LATERAL (SELECT
    EXISTS (SELECT 1 FROM blacklist_entry b WHERE b.enterprise_id = e.id AND b.subject_type = 'ENTERPRISE' AND ${IN_FORCE("b")}) AS blacklisted,
    EXISTS (SELECT 1 FROM responsible_person rp JOIN blacklist_entry b ON b.person_id = rp.person_id
      WHERE rp.enterprise_id = e.id AND rp.until IS NULL AND rp.role IN ('LEGAL_REPRESENTATIVE', 'PRINCIPAL') AND ${IN_FORCE("b")}) AS holder_blacklisted,
    EXISTS (SELECT 1 FROM watchlist_entry w WHERE w.enterprise_id = e.id AND ${IN_FORCE("w")}) AS watched) s
  LEFT JOIN credit_grade g ON g.enterprise_id = e.id
  LEFT JOIN risk_assessment ra ON ra.enterprise_id = e.id
  WHERE e.credit_code = $1)))::text AS body`;

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

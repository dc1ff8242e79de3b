import { inForce } from "../listing/listing.sql";
import { countingPenalty } from "../penalty/penalty.entity";
/**
 * Recomputes the risk assessment of the enterprises `$1` (uuid[]) as of `$2` (today), with the
 * weights `$3` (jsonb), level thresholds `$4..$6` and the window `$7` (days), storing only what changed.
 */
export const SIGNAL_COLUMNS = `s.id, s.enterprise_id AS "enterpriseId", s.type, s.occurred_on AS "occurredOn", s.source, s.detail`;

export const RECOMPUTE_RISK = `
WITH since AS (SELECT $2::date - $7::int AS d),
-- The levels before this statement (its snapshot), to tell a raised level.
previous AS (SELECT enterprise_id, level FROM risk_assessment WHERE enterprise_id = ANY($1::uuid[])),
f AS (
  SELECT s.enterprise_id, s.type AS signal, count(*)::int AS n, max(s.occurred_on) AS latest
  FROM risk_signal s WHERE s.enterprise_id = ANY($1::uuid[]) AND s.voided_at IS NULL AND s.occurred_on >= (SELECT d FROM since) AND s.occurred_on <= $2::date
  GROUP BY 1, 2
  UNION ALL
  SELECT pe.enterprise_id, 'PENALTY', count(*)::int, max(pe.decided_on)
  FROM penalty pe WHERE pe.enterprise_id = ANY($1::uuid[]) AND ${countingPenalty("pe")} AND pe.decided_on >= (SELECT d FROM since)
  GROUP BY 1
  UNION ALL
  SELECT w.enterprise_id, 'WATCHLIST', 1, max(w.listed_on)
  FROM watchlist_entry w WHERE w.enterprise_id = ANY($1::uuid[]) AND ${inForce("w", "$2")}
  GROUP BY 1
  UNION ALL
  SELECT t.enterprise_id, 'SUBSTANTIATED_TIP', count(*)::int, max(t.substantiated_on)
  FROM tip t WHERE t.enterprise_id = ANY($1::uuid[]) AND t.status = 'SUBSTANTIATED' AND t.substantiated_on >= (SELECT d FROM since)
  GROUP BY 1
  UNION ALL
  SELECT b.enterprise_id, 'BLACKLIST', 1, max(b.listed_on)
  FROM blacklist_entry b WHERE b.enterprise_id = ANY($1::uuid[]) AND b.subject_type = 'ENTERPRISE' AND ${inForce("b", "$2")}
  GROUP BY 1
),
scored AS (
  SELECT e.id AS enterprise_id, (substr(e.region_code, 1, 4) || '00') AS city_code, e.sector,
    coalesce(jsonb_agg(jsonb_build_object('signal', f.signal, 'count', f.n, 'latestOn', f.latest,
      'contribution', f.n * ($3::jsonb ->> f.signal)::numeric) ORDER BY f.n * ($3::jsonb ->> f.signal)::numeric DESC, f.signal)
      FILTER (WHERE f.signal IS NOT NULL), '[]'::jsonb) AS factors,
    least(100, coalesce(sum(f.n * ($3::jsonb ->> f.signal)::numeric), 0)) AS score
  FROM enterprise e LEFT JOIN f ON f.enterprise_id = e.id
  WHERE e.id = ANY($1::uuid[])
  GROUP BY e.id
),
levelled AS (
  SELECT s.*, CASE WHEN s.score < $4 THEN 'LOW' WHEN s.score < $5 THEN 'MEDIUM' WHEN s.score < $6 THEN 'HIGH' ELSE 'SEVERE' END AS level
  FROM scored s
),
stored AS (
  INSERT INTO risk_assessment AS ra (enterprise_id, score, level, factors, city_code, sector)
  SELECT enterprise_id, score, level, factors, city_code, sector FROM levelled
  ON CONFLICT (enterprise_id) DO UPDATE SET score = EXCLUDED.score, factors = EXCLUDED.factors,
    city_code = EXCLUDED.city_code, sector = EXCLUDED.sector, assessed_at = now(),
    level_since = CASE WHEN ra.level = EXCLUDED.level THEN ra.level_since ELSE now() END,
    level = EXCLUDED.level
  WHERE ra.score IS DISTINCT FROM EXCLUDED.score OR ra.factors IS DISTINCT FROM EXCLUDED.factors
    OR ra.city_code IS DISTINCT FROM EXCLUDED.city_code OR ra.sector IS DISTINCT FROM EXCLUDED.sector
  RETURNING enterprise_id, level
)
-- Raised levels, for RISK_LEVEL_RAISED. A first assessment is no change (an enterprise is assessed
-- when it is registered; bulk loads would otherwise announce every enterprise they load).
SELECT s.enterprise_id AS "enterpriseId", p.level AS "from", s.level AS "to"
FROM stored s JOIN previous p ON p.enterprise_id = s.enterprise_id
WHERE array_position(ARRAY['LOW', 'MEDIUM', 'HIGH', 'SEVERE'], s.level) > array_position(ARRAY['LOW', 'MEDIUM', 'HIGH', 'SEVERE'], p.level)`;

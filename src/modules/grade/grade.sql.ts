import { GRADE_FACTORS } from "./grade.type";
import { inForce } from "../listing/listing.sql";
import { countingPenalty } from "../penalty/penalty.entity";

const factorsOf = (grade: string) => Object.entries(GRADE_FACTORS).filter(([, f]) => f.grade === grade).map(([code]) => `'${code}'`).join(", ");

/**
 * Recomputes the grade of the enterprises `$1` (uuid[]) as of `$2` (today), with the window `$3`
 * (days), the accident years `$4` and the penalties for C `$5` (Config.rules.grade), and stores what changed:
 * the current grade row, and a history row for every change of grade. One statement, set-based,
 * so that the daily refresh of a million enterprises runs in batches of this same query. Returns
 * the changes of an existing grade (a first grade is no change), for CREDIT_GRADE_CHANGED.
 */
export const RECOMPUTE_GRADES = `
WITH computed AS (
  SELECT e.id AS enterprise_id, array_remove(ARRAY[
      CASE WHEN EXISTS (SELECT 1 FROM blacklist_entry b WHERE b.enterprise_id = e.id AND b.subject_type = 'ENTERPRISE'
        AND ${inForce("b", "$2")}) THEN 'BLACKLISTED' END,
      CASE WHEN EXISTS (SELECT 1 FROM accident a WHERE a.enterprise_id = e.id AND a.voided_at IS NULL AND a.level IN ('MAJOR', 'ESPECIALLY_MAJOR')
        AND a.occurred_on >= ($2::date - make_interval(years => $4::int))::date) THEN 'MAJOR_ACCIDENT_3Y' END,
      CASE WHEN EXISTS (SELECT 1 FROM watchlist_entry w WHERE w.enterprise_id = e.id
        AND ${inForce("w", "$2")}) THEN 'WATCHLISTED' END,
      CASE WHEN EXISTS (SELECT 1 FROM accident a WHERE a.enterprise_id = e.id AND a.voided_at IS NULL AND a.level = 'LARGER'
        AND a.occurred_on >= ($2::date - make_interval(years => $4::int))::date) THEN 'LARGER_ACCIDENT_3Y' END,
      CASE WHEN p.recent >= $5::int THEN 'PENALTIES_3_IN_365D' END,
      CASE WHEN EXISTS (SELECT 1 FROM commitment c WHERE c.enterprise_id = e.id AND c.status = 'BREACHED' AND c.breach_set_aside_at IS NULL
        AND c.breach_verified_on >= $2::date - $3::int) THEN 'BREACHED_COMMITMENT_365D' END,
      CASE WHEN p.recent >= 1 THEN 'PENALTY_365D' END,
      CASE WHEN EXISTS (SELECT 1 FROM accident a WHERE a.enterprise_id = e.id AND a.voided_at IS NULL AND a.level = 'ORDINARY'
        AND a.occurred_on >= $2::date - $3::int) THEN 'ORDINARY_ACCIDENT_365D' END
    ], NULL) AS factors
  FROM enterprise e
  CROSS JOIN LATERAL (SELECT count(*) AS recent FROM penalty pe WHERE pe.enterprise_id = e.id
    AND ${countingPenalty("pe")} AND pe.decided_on >= $2::date - $3::int) p
  WHERE e.id = ANY($1::uuid[])
), graded AS (
  SELECT enterprise_id, factors, CASE
    WHEN factors && ARRAY[${factorsOf("D")}] THEN 'D'
    WHEN factors && ARRAY[${factorsOf("C")}] THEN 'C'
    WHEN factors && ARRAY[${factorsOf("B")}] THEN 'B'
    ELSE 'A' END AS grade
  FROM computed
), changed AS (
  SELECT g.*, cur.grade AS old_grade FROM graded g LEFT JOIN credit_grade cur ON cur.enterprise_id = g.enterprise_id
  WHERE cur.grade IS DISTINCT FROM g.grade OR cur.factors IS DISTINCT FROM g.factors
), stored AS (
  INSERT INTO credit_grade AS cg (enterprise_id, grade, effective_from, factors)
  SELECT enterprise_id, grade, $2::date, factors FROM changed
  ON CONFLICT (enterprise_id) DO UPDATE SET factors = EXCLUDED.factors, computed_at = now(),
    grade = EXCLUDED.grade,
    effective_from = CASE WHEN cg.grade = EXCLUDED.grade THEN cg.effective_from ELSE EXCLUDED.effective_from END
  RETURNING enterprise_id
), history AS (
  INSERT INTO credit_grade_history (enterprise_id, grade, effective_from, factors)
  SELECT c.enterprise_id, c.grade, $2::date, c.factors FROM changed c
  WHERE c.old_grade IS DISTINCT FROM c.grade AND EXISTS (SELECT 1 FROM stored s WHERE s.enterprise_id = c.enterprise_id)
  RETURNING enterprise_id, grade
)
SELECT h.enterprise_id AS "enterpriseId", c.old_grade AS "from", h.grade AS "to"
FROM history h JOIN changed c ON c.enterprise_id = h.enterprise_id WHERE c.old_grade IS NOT NULL`;

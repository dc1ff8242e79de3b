-- For tests/bench/postgraphile/server.mjs: the derived fields of the hub's profile as PostGraphile
-- computed columns, i.e. STABLE functions whose first argument is a public table's row, kept in their
-- own schema so that nothing outside postgraphile_bench changes. The SQL ones are inlined by the
-- planner. "Today" is the date in China (src/shared/clock.ts). Idempotent. (The current responsible
-- persons and their order are a condition and an orderBy added by plugins in server.mjs.)
SET client_min_messages = warning;
CREATE SCHEMA IF NOT EXISTS postgraphile_bench;

-- Not a computed column (no row argument): the helper the others use.
CREATE OR REPLACE FUNCTION postgraphile_bench.today() RETURNS date
  LANGUAGE sql STABLE AS $$ SELECT (now() AT TIME ZONE 'Asia/Shanghai')::date $$;
COMMENT ON FUNCTION postgraphile_bench.today() IS E'@behavior -*';

-- Person.idNumberMasked (src/shared/identifiers.ts maskIdNumber).
CREATE OR REPLACE FUNCTION postgraphile_bench.person_id_number_masked(p public.person) RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT substr(p.id_number, 1, 6) || '********' || substr(p.id_number, 15) $$;

-- AdministrativePenalty.isPublic / revoked (src/modules/penalty/penalty.resolver.ts).
CREATE OR REPLACE FUNCTION postgraphile_bench.penalty_is_public(pe public.penalty) RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT pe.public_until >= postgraphile_bench.today() $$;
CREATE OR REPLACE FUNCTION postgraphile_bench.penalty_revoked(pe public.penalty) RETURNS boolean
  LANGUAGE sql STABLE AS $$ SELECT pe.revoked_at IS NOT NULL $$;

-- Enterprise.onWatchlist / onBlacklist / measuresInForce (src/modules/list/list.loaders.ts listState,
-- list.resolver.ts, sanction-catalogue.ts ALL_MEASURES and PERSON_MEASURES in catalogue order).
-- PL/pgSQL: a SQL function with a subquery is not inlined and would be planned again on every request;
-- PL/pgSQL keeps its plans for the connection.
CREATE OR REPLACE FUNCTION postgraphile_bench.enterprise_on_watchlist(e public.enterprise) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$ BEGIN
  RETURN EXISTS (SELECT 1 FROM public.watchlist_entry w WHERE w.enterprise_id = e.id
    AND w.state = 'ACTIVE' AND w.valid_until >= postgraphile_bench.today()); END $$;
CREATE OR REPLACE FUNCTION postgraphile_bench.enterprise_on_blacklist(e public.enterprise) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$ BEGIN
  RETURN EXISTS (SELECT 1 FROM public.blacklist_entry b WHERE b.enterprise_id = e.id AND b.subject_type = 'ENTERPRISE'
    AND b.state = 'ACTIVE' AND b.valid_until >= postgraphile_bench.today()); END $$;
CREATE OR REPLACE FUNCTION postgraphile_bench.enterprise_measures_in_force(e public.enterprise) RETURNS text[]
  LANGUAGE plpgsql STABLE AS $$ BEGIN
  RETURN CASE
    WHEN EXISTS (SELECT 1 FROM public.blacklist_entry b WHERE b.enterprise_id = e.id AND b.subject_type = 'ENTERPRISE'
      AND b.state = 'ACTIVE' AND b.valid_until >= postgraphile_bench.today())
    THEN ARRAY['PUBLIC_EXPOSURE', 'INCREASED_INSPECTION', 'KEY_SUPERVISION', 'INTERVIEW_AND_TRAINING',
      'SUSPEND_STANDARDIZATION_REVIEW', 'REVOKE_STANDARDIZATION_CERTIFICATE', 'MARKET_BAN', 'HEAVIER_PUNISHMENT',
      'RESTRICT_FINANCING', 'RESTRICT_GOVERNMENT_PROCUREMENT', 'RESTRICT_BIDDING', 'RESTRICT_LAND_TRANSFER',
      'RESTRICT_HONORS', 'RESTRICT_QUALIFICATION', 'OTHER_STATUTORY']
    WHEN EXISTS (SELECT 1 FROM public.responsible_person rp JOIN public.blacklist_entry b ON b.person_id = rp.person_id
      WHERE rp.enterprise_id = e.id AND rp.until IS NULL AND rp.role IN ('LEGAL_REPRESENTATIVE', 'PRINCIPAL')
      AND b.state = 'ACTIVE' AND b.valid_until >= postgraphile_bench.today())
    THEN ARRAY['PUBLIC_EXPOSURE', 'INTERVIEW_AND_TRAINING', 'MARKET_BAN', 'HEAVIER_PUNISHMENT', 'RESTRICT_HONORS',
      'OTHER_STATUTORY']
    ELSE ARRAY[]::text[] END; END $$;

-- Enterprise.watchlist / blacklist, in the hub's order, and the entries' derived status
-- (watchlistColumns / blacklistColumns, list.enums.ts derivedStatus).
CREATE OR REPLACE FUNCTION postgraphile_bench.enterprise_watchlist(e public.enterprise)
  RETURNS SETOF public.watchlist_entry LANGUAGE sql STABLE AS $$
  SELECT w.* FROM public.watchlist_entry w WHERE w.enterprise_id = e.id ORDER BY w.listed_on DESC, w.id $$;
COMMENT ON FUNCTION postgraphile_bench.enterprise_watchlist(public.enterprise) IS E'@behavior +list -connection';
CREATE OR REPLACE FUNCTION postgraphile_bench.enterprise_blacklist(e public.enterprise)
  RETURNS SETOF public.blacklist_entry LANGUAGE sql STABLE AS $$
  SELECT b.* FROM public.blacklist_entry b WHERE b.enterprise_id = e.id ORDER BY b.listed_on DESC, b.subject_type, b.id $$;
COMMENT ON FUNCTION postgraphile_bench.enterprise_blacklist(public.enterprise) IS E'@behavior +list -connection';
CREATE OR REPLACE FUNCTION postgraphile_bench.watchlist_entry_status(w public.watchlist_entry) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN w.state = 'ACTIVE' AND w.valid_until < postgraphile_bench.today() THEN 'EXPIRED' ELSE w.state END $$;
CREATE OR REPLACE FUNCTION postgraphile_bench.blacklist_entry_status(b public.blacklist_entry) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN b.state = 'ACTIVE' AND b.valid_until < postgraphile_bench.today() THEN 'EXPIRED' ELSE b.state END $$;

-- CreditGrade.supervisionLevel / inspectionsPerYear (src/modules/grade/grade.types.ts SUPERVISION).
CREATE OR REPLACE FUNCTION postgraphile_bench.credit_grade_supervision_level(g public.credit_grade) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT CASE g.grade WHEN 'A' THEN 'RELAXED' WHEN 'B' THEN 'NORMAL' WHEN 'C' THEN 'FOCUSED' WHEN 'D' THEN 'STRICT' END $$;
CREATE OR REPLACE FUNCTION postgraphile_bench.credit_grade_inspections_per_year(g public.credit_grade) RETURNS integer
  LANGUAGE sql STABLE AS $$ SELECT CASE g.grade WHEN 'A' THEN 1 WHEN 'B' THEN 2 WHEN 'C' THEN 6 WHEN 'D' THEN 12 END $$;

-- RiskAssessment.score as the hub's Float (the column is numeric(5,1), a BigFloat string in PostGraphile)
-- and assessedAt as the hub's DateTime (China time, whole seconds: src/shared/scalars/date-time.scalar.ts).
CREATE OR REPLACE FUNCTION postgraphile_bench.risk_assessment_score_float(ra public.risk_assessment) RETURNS double precision
  LANGUAGE sql STABLE AS $$ SELECT ra.score::float8 $$;
CREATE OR REPLACE FUNCTION postgraphile_bench.risk_assessment_assessed_at_cst(ra public.risk_assessment) RETURNS text
  LANGUAGE sql STABLE AS $$
  SELECT to_char(ra.assessed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') $$;

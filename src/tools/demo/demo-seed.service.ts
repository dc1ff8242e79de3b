import type { DataSource } from "typeorm";
import { generateApiKey, hashApiKey } from "../../auth/api-key";
import { loadConfig } from "../../config";
import { inTransaction } from "../../db/transaction";
import { today } from "../../shared/clock";
import { PROVINCE_CODE } from "../../shared/region";
import type { Services } from "../../modules";
import { DEPARTMENTS, type Department } from "../../auth/department.enums";
import { generateDemoData } from "./demo-data";
import { type SubjectStory, seedSubjectStory } from "./demo-subject-story";
import { seedSupervisionStory } from "./demo-supervision-story";
import { type BlacklistStory, seedBlacklistStory } from "./demo-blacklist-story";
import { seedPenaltyRepairStory } from "./demo-repair-story";
import { seedRiskStory } from "./demo-risk-story";
import type { Config, PublicationSettings } from "../../config";

export const DEMO_ENTERPRISES = 200;
export const DEMO_SEED = 20191120;
const DEMO_AGENCY_PREFIX = "Demo ";
// The configuration's own default (an empty environment), so it cannot drift from config.ts.
const DEFAULT_CONFIG = loadConfig({});

export interface DemoSeedOptions {
  enterprises?: number;
  seed?: number;
  /** The date the data set is counted back from; default today (see generateDemoData). */
  anchor?: string;
  /** Config.publication: how long penalties stay public after their decision, by severity. */
  publication?: PublicationSettings;
  /** Config.objectionWorkingDays: the demo objections' due dates. */
  objectionWorkingDays?: number;
  /**
   * The hub's configuration, which the stories' services apply (task periods, listing validity,
   * repair waits, risk weights and thresholds); also the default of the two settings above.
   * Default: the configuration of an empty environment.
   */
  config?: Config;
}

/** What the stories written through the services hold (the records new to the database). */
export interface DemoStories {
  blacklist: Omit<BlacklistStory, "enterpriseIds">;
  penaltyRepairs: number;
  riskSignals: number;
  accidents: number;
}

export interface DemoSeedResult {
  enterprises: number;
  persons: number;
  penalties: number;
  firstCreditCode: string;
  seed: number;
  anchor: string;
  agencies: { department: Department; id: string; token: string }[];
  /** The demo subject key (the printed enterprise's own), when this run loaded that enterprise. */
  subject: SubjectStory | null;
  /** Null when the run added no enterprise (then it added no story either). */
  stories: DemoStories | null;
}

/**
 * Loads the demo data set and issues one province-level demo agency per department (and the
 * subject's side: a subject key, objections, repairs; demo-subject-story.ts), all in one
 * transaction: a seed that fails half-way leaves nothing behind, so the next start still finds an
 * empty database and seeds again. Enterprises already present are kept as they are (with their
 * persons and penalties); earlier demo agencies are revoked, so only the printed keys work (see
 * demoRerunNotice, which says so before a run). The blacklist with its tasks and feedback, penalty
 * repairs, risk signals and an accident are written by the services themselves, bound to this
 * transaction (demo-services.ts).
 */
export async function seedDemoData(
  db: DataSource,
  services: Pick<Services, "standing" | "watchlist">,
  options: DemoSeedOptions = {},
): Promise<DemoSeedResult> {
  const seed = options.seed ?? DEMO_SEED;
  const anchor = options.anchor ?? today();
  const config = options.config ?? DEFAULT_CONFIG;
  const data = generateDemoData({
    count: options.enterprises ?? DEMO_ENTERPRISES,
    seed,
    anchor,
    publication: options.publication ?? config.publication,
  });
  const keys = DEPARTMENTS.map((department) => ({ department, token: generateApiKey() }));

  const { agencies, subject, stories } = await inTransaction(db, async (tx) => {
    await tx.query(`UPDATE agency SET revoked_at = now() WHERE name LIKE $1 AND revoked_at IS NULL`, [`${DEMO_AGENCY_PREFIX}%`]);
    const rows: { id: string; department: Department }[] = await tx.query(
      `INSERT INTO agency (name, department, region_code, scopes, key_hash)
       SELECT x.name, x.department, $4, ARRAY['read', 'write'], x.key_hash
       FROM unnest($1::text[], $2::text[], $3::text[]) AS x(name, department, key_hash)
       RETURNING id, department`,
      [keys.map((k) => `${DEMO_AGENCY_PREFIX}${k.department.toLowerCase().replaceAll("_", " ")}`),
        keys.map((k) => k.department), keys.map((k) => hashApiKey(k.token)), PROVINCE_CODE],
    );
    const agencyOf = new Map(rows.map((r) => [r.department as string, r.id]));

    const e = data.enterprises;
    const inserted: { id: string; code: string }[] = await tx.query(
      `INSERT INTO enterprise (credit_code, name, region_code, sector, scale, affiliation, economic_type, address)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       ON CONFLICT (credit_code) DO NOTHING
       RETURNING id, credit_code AS code`,
      [e.map((x) => x.creditCode), e.map((x) => x.name), e.map((x) => x.regionCode), e.map((x) => x.sector),
        e.map((x) => x.scale), e.map((x) => x.affiliation), e.map((x) => x.economicType), e.map((x) => x.address)],
    );
    // Only enterprises new to the database get the set's holders and penalties: a second run on
    // another day (another anchor, other decision years) must not pile up a second history.
    const isNew = new Set(inserted.map((r) => r.code));
    await tx.query(
      `INSERT INTO person (id_number, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (id_number) DO NOTHING`,
      [data.persons.map((p) => p.idNumber), data.persons.map((p) => p.name)],
    );
    const h = data.holders.filter((x) => isNew.has(x.creditCode));
    await tx.query(
      `INSERT INTO responsible_person (enterprise_id, person_id, role, since, until)
       SELECT e.id, p.id, x.role, x.since, x.until
       FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[]) AS x(code, id_number, role, since, until)
       JOIN enterprise e ON e.credit_code = x.code JOIN person p ON p.id_number = x.id_number`,
      [h.map((x) => x.creditCode), h.map((x) => x.idNumber), h.map((x) => x.role), h.map((x) => x.since), h.map((x) => x.until)],
    );
    const pe = data.penalties.filter((x) => isNew.has(x.creditCode));
    await tx.query(
      `INSERT INTO penalty (enterprise_id, decision_number, department, agency_id, decided_on, violation, legal_basis,
         penalty_types, fine_amount, public_until, person_id, severity)
       SELECT e.id, x.decision_number, x.department, x.agency_id, x.decided_on, x.violation, x.legal_basis,
         string_to_array(x.types, ','), x.fine_amount, x.public_until, p.id, x.severity
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::date[], $6::text[], $7::text[], $8::text[],
         $9::numeric[], $10::date[], $11::text[], $12::text[])
         AS x(code, decision_number, department, agency_id, decided_on, violation, legal_basis, types, fine_amount, public_until, id_number, severity)
       JOIN enterprise e ON e.credit_code = x.code
       LEFT JOIN person p ON p.id_number = x.id_number`,
      [pe.map((x) => x.creditCode), pe.map((x) => x.decisionNumber), pe.map((x) => x.department),
        pe.map((x) => agencyOf.get(x.department)), pe.map((x) => x.decidedOn), pe.map((x) => x.violation),
        pe.map((x) => x.legalBasis), pe.map((x) => x.penaltyTypes.join(",")), pe.map((x) => x.fineAmount),
        pe.map((x) => x.publicUntil), pe.map((x) => x.personIdNumber), pe.map((x) => x.severity)],
    );
    // What recordPenalty does after each penalty, here once per enterprise: the automatic
    // watchlist rule, then grade and risk, so the demo profiles look like recorded ones.
    const firstCreditCode = data.enterprises[0].creditCode;
    const subject = isNew.has(firstCreditCode)
      ? await seedSubjectStory(tx, {
          enterpriseIds: inserted.map((r) => r.id), firstCreditCode, anchor,
          workingDays: options.objectionWorkingDays ?? config.objectionWorkingDays,
        })
      : null;
    const enterpriseIds = inserted.map((r) => r.id);
    // Before the watchlist rule, which does not watch an enterprise on the blacklist.
    const { enterpriseIds: blacklisted, ...blacklist } = await seedBlacklistStory(db, tx, { enterpriseIds, anchor, seed, config, agencyOf });
    const penaltiesOf = new Map<string, number>();
    for (const x of pe) penaltiesOf.set(x.creditCode, (penaltiesOf.get(x.creditCode) ?? 0) + 1);
    for (const { id, code } of inserted) {
      // The rule needs two penalties; asking it about the others would only cost round trips.
      if ((penaltiesOf.get(code) ?? 0) >= 2) await services.watchlist.applyAutomaticRule(tx, id);
    }
    // Warnings, verification requests (half done), key supervision targets and tip-offs, before the risk is scored.
    await seedSupervisionStory(tx, { enterpriseIds, anchor, agencyOf });
    const penaltyRepairs = await seedPenaltyRepairStory(db, tx, { enterpriseIds, config, agencyOf });
    const risk = await seedRiskStory(db, tx, { enterpriseIds, blacklisted, anchor, config, agencyOf });
    await services.standing.recompute(tx, enterpriseIds);
    // When these are all the enterprises there are, every standing is now up to date with today
    // and the scheduled refresh has nothing left to do today.
    const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM enterprise`);
    if (total === inserted.length) await services.standing.markRefreshed(tx, total);
    const stories: DemoStories | null = enterpriseIds.length
      ? { blacklist, penaltyRepairs, riskSignals: risk.signals, accidents: risk.accidents }
      : null;
    return { subject, stories, agencies: keys.map((k) => ({ ...k, id: agencyOf.get(k.department)! })) };
  });

  return {
    enterprises: data.enterprises.length,
    persons: data.persons.length,
    penalties: data.penalties.length,
    firstCreditCode: data.enterprises[0].creditCode,
    seed,
    anchor,
    agencies,
    subject,
    stories,
  };
}

/**
 * What `seedDemoData` is about to do to the keys of a database that already holds demo data, in
 * one sentence for `hub demo-seed` to print before it runs; null when it holds none. It names what
 * the seed does: the active demo agencies (named "Demo …") are revoked and replaced; the demo
 * enterprise's own key is issued only with that enterprise, so a key issued before stays valid.
 */
export async function demoRerunNotice(db: DataSource, options: Pick<DemoSeedOptions, "enterprises" | "seed"> = {}): Promise<string | null> {
  const codes = generateDemoData({
    count: options.enterprises ?? DEMO_ENTERPRISES, seed: options.seed ?? DEMO_SEED, anchor: today(), publication: DEFAULT_CONFIG.publication,
  }).enterprises.map((e) => e.creditCode);
  const [found] = await db.query(
    `SELECT (SELECT count(*) FROM agency WHERE name LIKE $1 AND revoked_at IS NULL)::int AS agencies,
       (SELECT count(*) FROM enterprise WHERE credit_code = ANY($2::text[]))::int AS enterprises,
       EXISTS (SELECT 1 FROM enterprise WHERE credit_code = $3) AS "firstPresent",
       (SELECT count(*) FROM subject_key k JOIN enterprise e ON e.id = k.enterprise_id WHERE e.credit_code = $3 AND k.revoked_at IS NULL)::int AS "subjectKeys"`,
    [`${DEMO_AGENCY_PREFIX}%`, codes, codes[0]],
  );
  if (found.agencies === 0 && found.enterprises === 0) return null;
  const n = found.agencies;
  const agencies = n
    ? `this run revokes the ${n} demo agency key${n === 1 ? "" : "s"} issued before (${n === 1 ? "it stops" : "they stop"} working) and prints new ones below`
    : "no demo agency key is active, so none is revoked; new ones are printed below";
  const k = found.subjectKeys;
  const subject = !found.firstPresent
    ? `a demo enterprise key is issued for ${codes[0]}`
    : k
      ? `the demo enterprise's own key${k === 1 ? "" : "s"} (SUBJECT, ${codes[0]}) ${k === 1 ? "stays" : "stay"} valid and no new one is issued`
      : `no demo enterprise key is issued (${codes[0]} is already there, without an active key)`;
  return `The database already holds demo data: ${agencies}; ${subject}; the ${found.enterprises} demo enterprises already there are kept as they are (only missing ones are added, with their stories).`;
}

/** True when the database holds no enterprise and no agency yet (a first start). */
export async function isEmptyDatabase(db: DataSource): Promise<boolean> {
  const [row] = await db.query(
    `SELECT NOT EXISTS (SELECT 1 FROM enterprise) AND NOT EXISTS (SELECT 1 FROM agency) AS empty`,
  );
  return row.empty;
}

import type { DataSource, EntityManager } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { DEPARTMENTS } from "../../auth/department.enums";
import { inTransaction } from "../../db/transaction";
import { badInput } from "../../shared/errors";
import { requiredText } from "../../shared/validation";
import { AdministrativeMatter } from "../enterprise/administrative-matter.enums";
import { SANCTION_CATALOGUE, type SanctionMeasure } from "./sanction-catalogue";
import { SanctionMeasureCode } from "./sanction.enums";

/** A published version of the catalogue. */
export interface CatalogueVersion {
  version: number;
  publishedAt: Date;
  measures: SanctionMeasure[];
}

// Any constant key: publishing takes it so that two publications draw different version numbers.
const PUBLISH_LOCK = 0x6d656173; // "meas"
/** The channel a publication announces itself on (NOTIFY at commit): every instance forgets its version in force. */
export const CATALOGUE_CHANNEL = "hub_measure_catalogue";

/**
 * The joint sanction measure catalogue as versioned data. Version 1 is the built-in catalogue,
 * stored the first time it is needed; CREDIT_OFFICE publishes later versions. A version never
 * changes, so versions are kept in memory once read; which version is in force is kept too, and
 * forgotten when a publication is announced (CATALOGUE_CHANNEL, heard by every instance's LISTEN
 * connection; the publishing instance forgets at once), so reads cost no statement. Distribution
 * reads the version in force in its own transaction, so a task always names the version it was
 * made under, whatever an instance has cached.
 */
export class MeasureCatalogueService {
  private readonly versions = new Map<number, CatalogueVersion>();
  private current: number | null = null;

  constructor(private readonly db: DataSource) {}

  /** The version in force now, as the database says in this transaction (for distribution). */
  async currentVersion(q: EntityManager | DataSource = this.db): Promise<number> {
    const [row] = await q.query(`SELECT max(version) AS version FROM measure_catalogue`);
    if (row.version !== null) return row.version;
    await this.storeBuiltIn(q);
    return 1;
  }

  /** The catalogue in force, from memory once read (the hub reads it at start). */
  async inForce(): Promise<CatalogueVersion> {
    this.current ??= await this.currentVersion();
    return this.version(this.current);
  }

  /** A version was published (here or on another instance), or announcements may have been missed: read it again when next needed. */
  forgetVersionInForce(): void {
    this.current = null;
  }

  async version(version: number, q: EntityManager | DataSource = this.db): Promise<CatalogueVersion> {
    const known = this.versions.get(version);
    if (known) return known;
    const rows: (SanctionMeasure & { publishedAt: Date })[] = await q.query(
      `SELECT i.code, i.title, i.implementing_departments AS "implementingDepartments", i.matters, i.applies_to_persons AS "appliesToPersons",
         c.published_at AS "publishedAt"
       FROM measure_catalogue_item i JOIN measure_catalogue c USING (version) WHERE i.version = $1 ORDER BY i.code`,
      [version],
    );
    if (!rows.length) throw new Error(`measure catalogue version ${version} does not exist`);
    const order = new Map(SANCTION_CATALOGUE.map((m, i) => [m.code, i]));
    const measures = rows
      .map(({ publishedAt: _at, ...m }) => Object.freeze(m) as SanctionMeasure)
      .sort((a, b) => (order.get(a.code) ?? 99) - (order.get(b.code) ?? 99));
    const loaded = { version, publishedAt: new Date(rows[0].publishedAt), measures };
    this.versions.set(version, loaded);
    return loaded;
  }

  /** CREDIT_OFFICE (the write matrix) publishes a new version: future distributions use it; existing tasks keep theirs. */
  publish(actor: AgencyActor, measures: readonly SanctionMeasure[], note: string | null): Promise<CatalogueVersion> {
    if (!measures.length) throw badInput("measures", "A catalogue needs at least one measure.");
    const seen = new Set<string>();
    measures.forEach((m, i) => {
      const at = `measures.${i}`;
      if (!Object.values(SanctionMeasureCode).includes(m.code)) throw badInput(`${at}.code`, `${m.code} is not a measure code.`);
      if (seen.has(m.code)) throw badInput(`${at}.code`, `${m.code} appears twice.`);
      seen.add(m.code);
      requiredText(m.title, `${at}.title`, 200);
      if (!m.implementingDepartments.length) throw badInput(`${at}.implementingDepartments`, "Name at least one implementing department.");
      if (m.implementingDepartments.some((d) => !DEPARTMENTS.includes(d))) throw badInput(`${at}.implementingDepartments`, "Unknown department.");
      if (m.matters.some((x) => !Object.values(AdministrativeMatter).includes(x))) throw badInput(`${at}.matters`, "Unknown administrative matter.");
    });
    const text = note == null ? null : requiredText(note, "note", 2000);
    return inTransaction(this.db, async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [PUBLISH_LOCK]);
      const version = (await this.currentVersion(tx)) + 1;
      await tx.query(`INSERT INTO measure_catalogue (version, published_by, agency_id, note) VALUES ($1, $2, $3, $4)`, [version, actor.department, actor.agencyId, text]);
      await this.insertItems(tx, version, measures);
      await tx.query(`SELECT pg_notify('${CATALOGUE_CHANNEL}', $1)`, [String(version)]);
      const published = await this.version(version, tx);
      this.current = null;
      return published;
    });
  }

  private async storeBuiltIn(q: EntityManager | DataSource): Promise<void> {
    await q.query(`INSERT INTO measure_catalogue (version, published_by, note) VALUES (1, NULL, 'built-in catalogue') ON CONFLICT DO NOTHING`);
    await this.insertItems(q, 1, SANCTION_CATALOGUE);
  }

  private insertItems(q: EntityManager | DataSource, version: number, measures: readonly SanctionMeasure[]): Promise<unknown> {
    return q.query(
      `INSERT INTO measure_catalogue_item (version, code, title, implementing_departments, matters, applies_to_persons)
       SELECT $1, x.code, x.title, string_to_array(x.departments, ','), coalesce(string_to_array(nullif(x.matters, ''), ','), '{}'), x.persons
       FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::boolean[]) AS x(code, title, departments, matters, persons)
       ON CONFLICT DO NOTHING`,
      [version, measures.map((m) => m.code), measures.map((m) => m.title), measures.map((m) => m.implementingDepartments.join(",")),
        measures.map((m) => m.matters.join(",")), measures.map((m) => m.appliesToPersons)],
    );
  }
}

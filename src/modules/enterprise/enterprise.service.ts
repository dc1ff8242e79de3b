import type { DataSource } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { inTransaction } from "../../db/transaction";
import { today } from "../../shared/clock";
import { badInput, forbidden } from "../../shared/errors";
import { Page, checkFirst, cursorCodec } from "../../shared/pagination";

const enterpriseCursor = cursorCodec("enterprise", ["creditCode"]);
import { PROVINCE_CODE, regionCodeProblem, regionCondition, regionCovers } from "../../shared/region";
import { LINK_PENDING_TIPS } from "../tip/tip.sql";
import type { StandingService } from "../standing/standing.service";
import { ENTERPRISE_COLUMNS, Enterprise } from "./enterprise.entity";
import { EnterpriseStatus } from "./enterprise.enums";
import type { EnterpriseFilter, EnterpriseInput } from "./enterprise.inputs";
import { inForce } from "../listing/listing.sql";

const optionalText = (value: string | null | undefined, field: string, max: number): string | null => {
  const text = value?.trim() ?? "";
  if (text.length > max) throw badInput(field, `${field} may have at most ${max} characters.`);
  return text || null;
};

export class EnterpriseService {
  constructor(
    private readonly db: DataSource,
    private readonly standing: StandingService,
  ) {}

  /** Creates or updates the enterprise registered under the input's credit code. */
  async upsert(actor: AgencyActor, input: EnterpriseInput): Promise<Enterprise> {
    const name = input.name.trim();
    if (!name || name.length > 200) throw badInput("name", "The enterprise name must have 1 to 200 characters.");
    const regionProblem = regionCodeProblem(input.regionCode);
    if (regionProblem) throw badInput("regionCode", regionProblem);
    if (input.regionCode === PROVINCE_CODE) {
      throw badInput("regionCode", "An enterprise is registered in a city or county, not at province level.");
    }
    const row = {
      name,
      economicType: optionalText(input.economicType, "economicType", 100),
      address: optionalText(input.address, "address", 300),
    };
    return inTransaction(this.db, async (tx) => {
      const [existing] = await tx.query(
        `SELECT region_code AS "regionCode" FROM enterprise WHERE credit_code = $1 FOR UPDATE`,
        [input.creditCode],
      );
      // A city agency may neither register nor move an enterprise outside its city.
      for (const region of [input.regionCode, existing?.regionCode].filter(Boolean)) {
        if (!regionCovers(actor.regionCode, region)) throw forbidden();
      }
      const [saved] = await tx.query(
        `INSERT INTO enterprise AS e (credit_code, name, region_code, sector, scale, affiliation, economic_type, address, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (credit_code) DO UPDATE SET name = $2, region_code = $3, sector = $4, scale = $5,
           affiliation = $6, economic_type = $7, address = $8, status = $9, updated_at = now()
         RETURNING ${ENTERPRISE_COLUMNS}`,
        [
          input.creditCode, row.name, input.regionCode, input.sector, input.scale ?? null,
          input.affiliation ?? null, row.economicType, row.address, input.status ?? EnterpriseStatus.OPERATING,
        ],
      );
      // Tip-offs that named it before the hub knew it are linked now (and count in its risk).
      await tx.query(LINK_PENDING_TIPS, [saved.id]);
      // A new enterprise gets its first grade and assessment; a moved one its new city for alerts.
      await this.standing.recompute(tx, [saved.id]);
      return saved as Enterprise;
    });
  }

  /** Enterprises matching the filter in credit code order, one page at a time. */
  async list(filter: EnterpriseFilter | undefined, first: number, after?: string | null): Promise<Page<Enterprise>> {
    checkFirst(first);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;

    const name = filter?.nameContains?.trim();
    if (name !== undefined && name !== "") {
      if (name.length < 2) throw badInput("filter.nameContains", "nameContains needs at least 2 characters.");
      // The bigram containment uses the GIN index; ILIKE keeps only true substrings.
      where.push(`name_bigrams(e.name) @> name_bigrams(${param(name)})`);
      where.push(`e.name ILIKE ${param(`%${name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
    }
    const region = filter?.regionCode ? regionCondition(filter.regionCode, "filter.regionCode", "e", param) : null;
    if (region) where.push(region);
    if (filter?.sector) where.push(`e.sector = ${param(filter.sector)}`);
    // Status is derived from today's date, so these filters compare validity with today.
    if (filter?.onBlacklist != null) {
      where.push(`${filter.onBlacklist ? "" : "NOT "}EXISTS (SELECT 1 FROM blacklist_entry b WHERE b.enterprise_id = e.id
        AND b.subject_type = 'ENTERPRISE' AND ${inForce("b", param(today()))})`);
    }
    if (filter?.onWatchlist != null) {
      where.push(`${filter.onWatchlist ? "" : "NOT "}EXISTS (SELECT 1 FROM watchlist_entry w WHERE w.enterprise_id = e.id
        AND ${inForce("w", param(today()))})`);
    }
    const filterSql = where.length ? `WHERE ${where.join(" AND ")}` : "";
    const filterParams = [...params];

    const [afterCode] = after ? enterpriseCursor.decode(after) : [];
    const pageWhere = afterCode ? [...where, `e.credit_code > ${param(afterCode)}`] : where;
    const rows: Enterprise[] = await this.db.query(
      `SELECT ${ENTERPRISE_COLUMNS} FROM enterprise e
       ${pageWhere.length ? `WHERE ${pageWhere.join(" AND ")}` : ""}
       ORDER BY e.credit_code LIMIT ${param(first + 1)}`,
      params,
    );
    return {
      nodes: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursorOf: (e) => enterpriseCursor.encode([e.creditCode]),
      totalCount: async () => {
        const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM enterprise e ${filterSql}`, filterParams);
        return count;
      },
    };
  }
}

import type { AgencyDirectory } from "../../auth/identity";
import { preparedQuery } from "../../db/prepared";
import type { DataSource } from "typeorm";
import { generateApiKey, hashApiKey } from "../../auth/api-key";
import { KeyCache } from "../../auth/key-cache";
import { badInput, notFound } from "../../shared/errors";
import { regionCodeProblem } from "../../shared/region";
import { isUuid } from "../../shared/uuid";
import type { JwtIdentity } from "../../auth/jwt";
import type { Scope } from "../../auth/actor";
import { Agency } from "./agency.entity";
import { DEPARTMENTS, Department } from "../../auth/department.enums";

export interface NewAgency {
  name: string;
  department: string;
  regionCode: string;
  scopes?: string[];
}

const SCOPES: readonly Scope[] = ["read", "write"];

export class AgencyService implements AgencyDirectory {
  constructor(
    private readonly dataSource: DataSource,
    /** The live agencies of keys this instance has seen; without settings (the CLI) every lookup asks the database. */
    readonly keys = new KeyCache<Agency>({ maxEntries: 0, ttlMs: 0 }),
  ) {}

  /** Registers an agency and returns its API key, which is not stored and cannot be shown again. */
  async create(input: NewAgency): Promise<{ agency: Agency; token: string }> {
    const name = input.name.trim();
    if (!name || name.length > 200) throw badInput("name", "The agency name must have 1 to 200 characters.");
    if (!DEPARTMENTS.includes(input.department as Department)) {
      throw badInput("department", `Unknown department "${input.department}"; one of ${DEPARTMENTS.join(", ")}.`);
    }
    const regionProblem = regionCodeProblem(input.regionCode);
    if (regionProblem) throw badInput("regionCode", regionProblem);
    const scopes = [...new Set(input.scopes ?? ["read"])];
    const unknown = scopes.filter((s) => !SCOPES.includes(s as Scope));
    if (unknown.length) throw badInput("scopes", `Unknown scope ${unknown.join(", ")}; scopes are read and write.`);

    const token = generateApiKey();
    const repo = this.dataSource.getRepository(Agency);
    const saved = await repo.save(
      repo.create({
        name,
        department: input.department as Department,
        regionCode: input.regionCode,
        scopes: scopes as Scope[],
        keyHash: hashApiKey(token),
      }),
    );
    return { agency: saved, token };
  }

  list(): Promise<Agency[]> {
    return this.dataSource.getRepository(Agency).find({ order: { createdAt: "ASC" } });
  }

  async revoke(id: string): Promise<Agency> {
    const repo = this.dataSource.getRepository(Agency);
    const agency = isUuid(id) ? await repo.findOneBy({ id }) : null;
    if (!agency) throw notFound(`No agency with id ${id}.`, "id");
    if (!agency.revokedAt) {
      agency.revokedAt = new Date();
      await repo.update({ id }, { revokedAt: agency.revokedAt });
    }
    // Other instances hear of it from the agency table's trigger; this one need not wait for that.
    if (agency.keyHash) this.keys.forget(agency.keyHash);
    return agency;
  }

  /**
   * The row of an agency known from a JWT, created on its first call and kept in step with its
   * claims; null when an operator has revoked it.
   */
  async ensureExternal(identity: JwtIdentity): Promise<Agency | null> {
    let [row] = await this.dataSource.query(
      `WITH ins AS (
         INSERT INTO agency (name, department, region_code, scopes, external_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (external_id) DO NOTHING
         RETURNING id, name, department, region_code, scopes, revoked_at)
       SELECT id, name, department, region_code AS "regionCode", scopes, revoked_at AS "revokedAt" FROM ins
       UNION ALL
       SELECT id, name, department, region_code, scopes, revoked_at FROM agency WHERE external_id = $5
       LIMIT 1`,
      [identity.name, identity.department, identity.regionCode, identity.scopes, identity.externalId],
    );
    // A concurrent first call inserted the row after this statement's snapshot: read it now.
    row ??= (
      await this.dataSource.query(
        `SELECT id, name, department, region_code AS "regionCode", scopes, revoked_at AS "revokedAt"
         FROM agency WHERE external_id = $1`,
        [identity.externalId],
      )
    )[0];
    if (row.revokedAt) return null;
    const changed = row.name !== identity.name || row.department !== identity.department ||
      row.regionCode !== identity.regionCode || row.scopes.join(",") !== identity.scopes.join(",");
    if (changed) {
      await this.dataSource.query(
        `UPDATE agency SET name = $2, department = $3, region_code = $4, scopes = $5 WHERE id = $1`,
        [row.id, identity.name, identity.department, identity.regionCode, identity.scopes],
      );
    }
    return { ...row, ...identity, keyHash: null, createdAt: new Date(), revokedAt: null };
  }

  /** The agency with this id unless it was revoked (a link it issued stops working then). */
  async findLive(id: string): Promise<Agency | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [agency] = await this.dataSource.query(
      `SELECT id, name, department, region_code AS "regionCode", scopes, external_id AS "externalId", created_at AS "createdAt", revoked_at AS "revokedAt"
       FROM agency WHERE id = $1 AND revoked_at IS NULL`,
      [id],
    );
    return agency ?? null;
  }

  /** The live agency holding this key, or null for an unknown or revoked key. */
  async findByKey(token: string): Promise<Agency | null> {
    const hash = hashApiKey(token);
    // Every request with a key needs this: from memory when this instance has seen the key, else a prepared statement.
    return this.keys.get(hash, async () => {
      const [agency] = await preparedQuery<Agency>(
        this.dataSource,
        `SELECT id, name, department, region_code AS "regionCode", scopes, external_id AS "externalId",
           created_at AS "createdAt", revoked_at AS "revokedAt"
         FROM agency WHERE key_hash = $1 AND revoked_at IS NULL`,
        [hash],
      );
      return agency ?? null;
    });
  }
}

import type { EntityManager } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { forbidden, notFound } from "../../shared/errors";
import { regionCovers } from "../../shared/region";

/**
 * Row rules of enterprises. Writes: an agency writes only about enterprises in its region (a
 * provincial agency, 320000, covers every city; a city agency its counties); another region's
 * enterprise is FORBIDDEN, an unknown credit code NOT_FOUND (credit codes are public).
 */

/** Locks the enterprise for the rest of the transaction and checks the writer's region. */
export async function lockEnterpriseForWrite(
  tx: EntityManager,
  actor: AgencyActor,
  creditCode: string,
): Promise<{ id: string; regionCode: string }> {
  const [enterprise] = await tx.query(
    `SELECT id, region_code AS "regionCode" FROM enterprise WHERE credit_code = $1 FOR UPDATE`,
    [creditCode],
  );
  if (!enterprise) throw notFound(`No enterprise with credit code ${creditCode}.`, "creditCode");
  if (!regionCovers(actor.regionCode, enterprise.regionCode)) throw forbidden();
  return enterprise;
}

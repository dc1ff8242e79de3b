import type { DataSource } from "typeorm";
import type { Actor } from "../../auth/actor";
import { groupQueryLoader } from "../../db/loader";
import { today } from "../../shared/clock";
import { type AdministrativeLicence, licenceColumns, licencePublic } from "./licence.type";

/**
 * An enterprise's licences, newest first: the public reads those within their public years (双公示);
 * departments and the enterprise itself read all of them.
 */
export function createLicenceLoaders(db: DataSource, actor: Actor) {
  const now = today();
  return {
    licencesByEnterprise: groupQueryLoader<string, AdministrativeLicence>(db, {
      sql: (ids, params) => {
        const t = params.add(now);
        // A subject reads its own in full; the shield gives it the public's audience elsewhere, so it is filtered like the public there.
        const own = actor.kind === "subject" ? `l.enterprise_id = ${params.add(actor.enterpriseId)}::uuid` : "false";
        const visible = actor.kind === "agency" ? "" : `AND (${own} OR ${licencePublic("l", t)})`;
        return `SELECT ${licenceColumns(t)} FROM administrative_licence l WHERE l.enterprise_id = ANY(${ids}) ${visible}
          ORDER BY l.issued_on DESC, l.id`;
      },
      fromRows: (rows) => rows as unknown as AdministrativeLicence[],
      keyOf: (l) => l.enterpriseId,
    }),
  };
}

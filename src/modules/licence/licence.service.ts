import type { DataSource } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { inTransaction } from "../../db/transaction";
import { isUniqueViolation } from "../../db/faults";
import { addYears, today } from "../../shared/clock";
import { badInput, conflict, forbidden, notFound } from "../../shared/errors";
import { regionCovers } from "../../shared/region";
import { isUuid } from "../../shared/uuid";
import { notInFuture, requiredText } from "../../shared/validation";
import { lockEnterpriseForWrite } from "../enterprise/enterprise.rules";
import { type AdministrativeLicence, type LicenceInput, licenceColumns } from "./licence.type";

/** Licences (行政许可): recorded by the issuing department for enterprises of its region, revoked by it. */
export class LicenceService {
  constructor(
    private readonly db: DataSource,
    private readonly publicYears: number,
  ) {}

  record(actor: AgencyActor, input: LicenceInput): Promise<AdministrativeLicence> {
    const licenceNumber = requiredText(input.licenceNumber, "input.licenceNumber", 100);
    const title = requiredText(input.title, "input.title", 200);
    notInFuture(input.issuedOn, "input.issuedOn");
    if (input.validUntil && input.validUntil < input.issuedOn) throw badInput("input.validUntil", "validUntil cannot be earlier than issuedOn.");
    return inTransaction(this.db, async (tx) => {
      const enterprise = await lockEnterpriseForWrite(tx, actor, input.creditCode);
      try {
        const [licence] = await tx.query(
          `INSERT INTO administrative_licence AS l (enterprise_id, licence_number, title, issued_by, agency_id, issued_on, valid_until, public_until)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $9) RETURNING ${licenceColumns("$8")}`,
          [enterprise.id, licenceNumber, title, actor.department, actor.agencyId, input.issuedOn, input.validUntil ?? null, today(),
            addYears(input.issuedOn, this.publicYears)],
        );
        return licence;
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`Your department has already recorded licence ${licenceNumber}.`, "input.licenceNumber");
        throw err;
      }
    });
  }

  /** Only the issuing department (in its region) revokes; another department's licence is FORBIDDEN, an unknown id NOT_FOUND. */
  revoke(actor: AgencyActor, id: string, reason: string): Promise<AdministrativeLicence> {
    const why = requiredText(reason, "reason");
    const missing = () => notFound("No licence has this id.", "id");
    if (!isUuid(id)) throw missing();
    return inTransaction(this.db, async (tx) => {
      const [licence] = await tx.query(
        `SELECT l.issued_by AS "issuedBy", l.revoked_at AS "revokedAt", e.region_code AS "regionCode"
         FROM administrative_licence l JOIN enterprise e ON e.id = l.enterprise_id WHERE l.id = $1 FOR UPDATE OF l`,
        [id],
      );
      if (!licence) throw missing();
      if (licence.issuedBy !== actor.department || !regionCovers(actor.regionCode, licence.regionCode)) throw forbidden("Only the issuing department revokes a licence.");
      if (licence.revokedAt) throw conflict("This licence is revoked already.", "id");
      const [[revoked]] = await tx.query(
        `UPDATE administrative_licence l SET revoked_at = now(), revoked_reason = $2 WHERE l.id = $1 RETURNING ${licenceColumns("$3")}`,
        [id, why, today()],
      );
      return revoked;
    });
  }
}

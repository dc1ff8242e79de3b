import type { PublicationSettings } from "../../config";
import type { DataSource, EntityManager } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { inTransaction } from "../../db/transaction";
import { DomainError, ErrorCode, badInput, conflict, forbidden, notFound } from "../../shared/errors";
import { regionCovers } from "../../shared/region";
import { isUuid } from "../../shared/uuid";
import type { WatchlistService } from "../watchlist/watchlist.service";
import type { SupervisionService } from "../supervision/supervision.service";
import type { StandingService } from "../standing/standing.service";
import { lockEnterpriseForWrite } from "../enterprise/enterprise.rules";
import { requiredText, notInFuture } from "../../shared/validation";
import { holderAt, personReference } from "../person/person.rules";
import { PenaltyType } from "./penalty.enums";
import { PENALTY_COLUMNS, Penalty } from "./penalty.entity";
import type { PenaltyInput } from "./penalty.inputs";
import { penaltySeverity, publicUntilFor } from "./penalty.rules";

export class PenaltyService {
  constructor(
    private readonly db: DataSource,
    private readonly publication: PublicationSettings,
    private readonly watchlist: WatchlistService,
    private readonly standing: StandingService,
    private readonly supervision: SupervisionService,
  ) {}

  /** Records a penalty decided by the caller's department (谁产生、谁负责). */
  async record(actor: AgencyActor, input: PenaltyInput): Promise<Penalty> {
    const decisionNumber = requiredText(input.decisionNumber, "decisionNumber", 100);
    const violation = requiredText(input.violation, "violation", 2000);
    const legalBasis = input.legalBasis?.trim() || null;
    notInFuture(input.decidedOn, "decidedOn");
    const types = [...new Set(input.penaltyTypes)];
    if (types.length === 0) throw badInput("penaltyTypes", "Name at least one penalty type.");
    if (types.includes(PenaltyType.FINE) && input.fineAmount == null) {
      throw badInput("fineAmount", "A penalty that includes a FINE needs its fineAmount.");
    }
    if (input.fineAmount != null && Number(input.fineAmount) < 0) {
      throw badInput("fineAmount", "fineAmount cannot be negative.");
    }
    const severity = penaltySeverity(types, input.fineAmount, input.serious ?? false);
    const publicUntil = publicUntilFor(severity, input.decidedOn, input.publicUntil, this.publication);
    const person = personReference(actor, input.personId, input.personIdNumber, { personId: "personId", idNumber: "personIdNumber" });

    return inTransaction(this.db, async (tx) => {
      const enterprise = await lockEnterpriseForWrite(tx, actor, input.creditCode);
      const personId = person ? await holderAt(tx, enterprise.id, person, person.personId !== undefined ? "personId" : "personIdNumber") : null;
      const [inserted] = await tx.query(
        `INSERT INTO penalty AS pe (enterprise_id, decision_number, department, agency_id, decided_on, violation,
           legal_basis, penalty_types, fine_amount, public_until, person_id, severity)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (enterprise_id, decision_number) DO NOTHING
         RETURNING ${PENALTY_COLUMNS}`,
        [
          enterprise.id, decisionNumber, actor.department, actor.agencyId, input.decidedOn, violation,
          legalBasis, types, input.fineAmount ?? null, publicUntil, personId, severity,
        ],
      );
      if (!inserted) {
        throw conflict(`Decision ${decisionNumber} is already recorded for this enterprise.`, "decisionNumber");
      }
      // Same transaction: the penalty and the listing it triggers commit together or not at all.
      await this.watchlist.applyAutomaticRule(tx, enterprise.id);
      // A penalty during a watch may make the entry an escalation candidate (announced once).
      await this.supervision.checkEscalation(tx, enterprise.id);
      await this.standing.recompute(tx, [enterprise.id]);
      return inserted;
    });
  }

  /** Revokes a penalty (e.g. annulled on review); only its recording department may. It stays readable. */
  async revoke(actor: AgencyActor, id: string, reason: string): Promise<Penalty> {
    const why = requiredText(reason, "reason", 2000);
    if (!isUuid(id)) throw notFound(`No penalty with id ${id}.`, "id");
    return inTransaction(this.db, async (tx) => {
      const [penalty] = await tx.query(
        `SELECT ${PENALTY_COLUMNS}, e.region_code AS "regionCode"
         FROM penalty pe JOIN enterprise e ON e.id = pe.enterprise_id WHERE pe.id = $1 FOR UPDATE OF pe`,
        [id],
      );
      if (!penalty) throw notFound(`No penalty with id ${id}.`, "id");
      if (penalty.department !== actor.department || !regionCovers(actor.regionCode, penalty.regionCode)) {
        throw forbidden();
      }
      if (penalty.revokedAt) throw new DomainError(ErrorCode.CONFLICT, "This penalty is already revoked.", "id");
      return this.revokeIn(tx, id, why, actor.agencyId);
    });
  }

  /**
   * Revokes a penalty inside the caller's transaction (a revocation, or an upheld objection): it
   * stays on record and counts for nothing in any rule from now on, so standing is recomputed.
   */
  async revokeIn(tx: EntityManager, id: string, reason: string, agencyId: string): Promise<Penalty> {
    // For UPDATE, TypeORM answers [rows, affected].
    const [[revoked]] = await tx.query(
      `UPDATE penalty pe SET revoked_at = now(), revoked_reason = $2, revoked_by = $3
       WHERE pe.id = $1 RETURNING ${PENALTY_COLUMNS}`,
      [id, reason, agencyId],
    );
    await this.standing.recompute(tx, [revoked.enterpriseId]);
    return revoked;
  }
}

import type { DataSource } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { inTransaction } from "../../db/transaction";
import { badInput, conflict, forbidden, notFound } from "../../shared/errors";
import { regionCovers } from "../../shared/region";
import { isUuid } from "../../shared/uuid";
import { requiredText, notInFuture } from "../../shared/validation";
import { lockEnterpriseForWrite } from "../enterprise/enterprise.rules";
import type { StandingService } from "../standing/standing.service";
import { COMMITMENT_COLUMNS, CreditCommitment } from "./commitment.type";
import { type CommitmentBreachInput, type CommitmentInput } from "./commitment.inputs";

export class CommitmentService {
  constructor(
    private readonly db: DataSource,
    private readonly standing: StandingService,
  ) {}

  /** The caller's department accepts the commitment (it becomes acceptedBy). */
  recordCommitment(actor: AgencyActor, input: CommitmentInput): Promise<CreditCommitment> {
    const content = requiredText(input.content, "content", 5000);
    notInFuture(input.committedOn, "committedOn");
    return inTransaction(this.db, async (tx) => {
      const enterprise = await lockEnterpriseForWrite(tx, actor, input.creditCode);
      const [c] = await tx.query(
        `INSERT INTO commitment AS c (enterprise_id, kind, content, committed_on, accepted_by, agency_id)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COMMITMENT_COLUMNS}`,
        [enterprise.id, input.kind, content, input.committedOn, actor.department, actor.agencyId],
      );
      return c;
    });
  }

  /** Only the accepting department verifies a breach, once. */
  recordCommitmentBreach(actor: AgencyActor, input: CommitmentBreachInput): Promise<CreditCommitment> {
    const description = requiredText(input.description, "description", 5000);
    notInFuture(input.verifiedOn, "verifiedOn");
    return inTransaction(this.db, async (tx) => {
      const [c] = isUuid(input.commitmentId)
        ? await tx.query(
            `SELECT ${COMMITMENT_COLUMNS}, e.region_code AS "regionCode" FROM commitment c JOIN enterprise e ON e.id = c.enterprise_id
             WHERE c.id = $1 FOR UPDATE OF c`,
            [input.commitmentId],
          )
        : [];
      if (!c) throw notFound(`No commitment with id ${input.commitmentId}.`, "commitmentId");
      if (c.acceptedBy !== actor.department || !regionCovers(actor.regionCode, c.regionCode)) throw forbidden();
      if (c.status === "BREACHED") throw conflict("A breach of this commitment is already recorded.", "commitmentId");
      if (input.verifiedOn < c.committedOn) throw badInput("verifiedOn", "verifiedOn cannot be earlier than the commitment.");
      if (input.penaltyId) {
        const [p] = isUuid(input.penaltyId)
          ? await tx.query(`SELECT enterprise_id AS "enterpriseId" FROM penalty WHERE id = $1`, [input.penaltyId])
          : [];
        if (!p) throw notFound(`No penalty with id ${input.penaltyId}.`, "penaltyId");
        if (p.enterpriseId !== c.enterpriseId) throw badInput("penaltyId", "The penalty is not this enterprise's.");
      }
      const [[updated]] = await tx.query(
        `UPDATE commitment c SET status = 'BREACHED', breach_verified_on = $2, breach_department = $3,
           breach_description = $4, breach_penalty_id = $5, breach_set_aside_at = NULL WHERE c.id = $1 RETURNING ${COMMITMENT_COLUMNS}`,
        [c.id, input.verifiedOn, actor.department, description, input.penaltyId ?? null],
      );
      await this.standing.recompute(tx, [c.enterpriseId]);
      return updated;
    });
  }
}

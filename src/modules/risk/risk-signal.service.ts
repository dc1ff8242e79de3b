import type { DataSource } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { inTransaction } from "../../db/transaction";
import { conflict } from "../../shared/errors";
import { requiredText, notInFuture } from "../../shared/validation";
import { lockEnterpriseForWrite } from "../enterprise/enterprise.rules";
import type { StandingService } from "../standing/standing.service";
import { SIGNAL_COLUMNS } from "./risk.sql";
import type { RiskSignal } from "./risk.type";
import type { RiskSignalInput } from "./risk.inputs";

/** Risk signals from other systems (courts, tax, labour…); each one re-scores its enterprise in the same transaction. */
export class RiskSignalService {
  constructor(
    private readonly db: DataSource,
    private readonly standing: StandingService,
  ) {}

  /** Records a signal from another system; the same signal again is a CONFLICT and writes nothing. */
  record(actor: AgencyActor, input: RiskSignalInput): Promise<RiskSignal> {
    const source = requiredText(input.source, "source", 100);
    notInFuture(input.occurredOn, "occurredOn");
    return inTransaction(this.db, async (tx) => {
      const enterprise = await lockEnterpriseForWrite(tx, actor, input.creditCode);
      const [signal] = await tx.query(
        `INSERT INTO risk_signal AS s (enterprise_id, type, occurred_on, source, detail, agency_id) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING RETURNING ${SIGNAL_COLUMNS}`,
        [enterprise.id, input.type, input.occurredOn, source, input.detail?.trim() || null, actor.agencyId],
      );
      if (!signal) throw conflict("This signal is already recorded.");
      await this.standing.recompute(tx, [enterprise.id]);
      return signal;
    });
  }
}

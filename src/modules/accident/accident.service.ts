import type { DataSource } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { inTransaction } from "../../db/transaction";
import { badInput } from "../../shared/errors";
import { requiredText, notInFuture } from "../../shared/validation";
import { lockEnterpriseForWrite } from "../enterprise/enterprise.rules";
import type { StandingService } from "../standing/standing.service";
import type { SupervisionService } from "../supervision/supervision.service";
import { ACCIDENT_COLUMNS, Accident } from "./accident.type";
import { type AccidentInput } from "./accident.inputs";

export class AccidentService {
  constructor(
    private readonly db: DataSource,
    private readonly standing: StandingService,
    private readonly supervision: SupervisionService,
  ) {}

  recordAccident(actor: AgencyActor, input: AccidentInput): Promise<Accident> {
    const description = requiredText(input.description, "description", 5000);
    notInFuture(input.occurredOn, "occurredOn");
    if (input.deaths < 0) throw badInput("deaths", "deaths cannot be negative.");
    if (input.injuries < 0) throw badInput("injuries", "injuries cannot be negative.");
    if (input.directLoss != null && Number(input.directLoss) < 0) throw badInput("directLoss", "directLoss cannot be negative.");
    return inTransaction(this.db, async (tx) => {
      const enterprise = await lockEnterpriseForWrite(tx, actor, input.creditCode);
      const [a] = await tx.query(
        `INSERT INTO accident AS a (enterprise_id, occurred_on, level, deaths, injuries, direct_loss, description, agency_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${ACCIDENT_COLUMNS}`,
        [enterprise.id, input.occurredOn, input.level, input.deaths, input.injuries, input.directLoss ?? null, description, actor.agencyId],
      );
      // A MAJOR or ESPECIALLY_MAJOR accident during a watch makes the entry an escalation candidate.
      await this.supervision.checkEscalation(tx, enterprise.id);
      await this.standing.recompute(tx, [enterprise.id]);
      return a;
    });
  }
}

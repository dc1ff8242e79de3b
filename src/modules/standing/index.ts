import type { EventService } from "../event/event.service";
import type { GradeService } from "../grade/grade.service";
import { defineModule } from "../module";
import type { RiskService } from "../risk/risk.service";
import { StandingService, scoringSettings } from "./standing.service";

/** An enterprise's standing (grade and risk) recomputed by every write that changes it, and refreshed daily. */
export const standingModule = defineModule({
  name: "standing",
  resolvers: [],
  services: {
    standing: ({ db, config }, { grade, risk, events }: { grade: GradeService; risk: RiskService; events: EventService }) =>
      new StandingService(db, grade, risk, scoringSettings(config.risk, config.rules), events),
  },
});

import { defineModule } from "../module";
import type { StandingService } from "../standing/standing.service";
import { RiskSignalService } from "./risk-signal.service";
import { createRiskLoaders, riskProfileParts } from "./risk.loaders";
import { EnterpriseRiskResolver, RiskAlertResolver, RiskSignalResolver } from "./risk.resolver";
import { RiskService } from "./risk.service";

/** Risk signals from other systems, the risk score and the alerts (预警) it raises. */
export const riskModule = defineModule({
  name: "risk",
  resolvers: [RiskAlertResolver, RiskSignalResolver, EnterpriseRiskResolver],
  services: {
    risk: ({ db, config }) => new RiskService(db, config.risk, config.rules.riskWindowDays),
    riskSignal: ({ db }, { standing }: { standing: StandingService }) => new RiskSignalService(db, standing),
  },
  loaders: ({ db }) => createRiskLoaders(db),
  profile: riskProfileParts,
});

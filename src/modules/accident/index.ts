import { defineModule } from "../module";
import type { SupervisionService } from "../supervision/supervision.service";
import type { StandingService } from "../standing/standing.service";
import { accidentProfileParts, createAccidentLoaders } from "./accident.loaders";
import { AccidentResolver, EnterpriseAccidentsResolver } from "./accident.resolver";
import { AccidentService } from "./accident.service";

/** Production safety accidents (生产安全事故). */
export const accidentModule = defineModule({
  name: "accident",
  resolvers: [AccidentResolver, EnterpriseAccidentsResolver],
  services: {
    accident: ({ db }, { standing, supervision }: { standing: StandingService; supervision: SupervisionService }) => new AccidentService(db, standing, supervision),
  },
  loaders: ({ db }) => createAccidentLoaders(db),
  profile: accidentProfileParts,
});

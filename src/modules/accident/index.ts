import { defineModule } from "../module";
import type { StandingService } from "../standing/standing.service";
import { accidentProfileParts, createAccidentLoaders } from "./accident.loaders";
import { AccidentResolver, EnterpriseAccidentsResolver } from "./accident.resolver";
import { AccidentService } from "./accident.service";

/** Production safety accidents (生产安全事故). */
export const accidentModule = defineModule({
  name: "accident",
  resolvers: [AccidentResolver, EnterpriseAccidentsResolver],
  services: { accident: ({ db }, { standing }: { standing: StandingService }) => new AccidentService(db, standing) },
  loaders: ({ db }) => createAccidentLoaders(db),
  profile: accidentProfileParts,
});

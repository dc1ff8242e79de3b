import { defineModule } from "../module";
import type { StandingService } from "../standing/standing.service";
import { Enterprise } from "./enterprise.entity";
import { createEnterpriseLoaders } from "./enterprise.loaders";
import { EnterpriseResolver } from "./enterprise.resolver";
import { EnterpriseService } from "./enterprise.service";

/** Enterprises (the subjects): registration data, search, and the profile's root. */
export const enterpriseModule = defineModule({
  name: "enterprise",
  resolvers: [EnterpriseResolver],
  entities: [Enterprise],
  services: { enterprise: ({ db }, { standing }: { standing: StandingService }) => new EnterpriseService(db, standing) },
  loaders: ({ db, audit }) => createEnterpriseLoaders(db, audit),
});

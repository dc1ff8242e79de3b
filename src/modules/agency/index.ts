import { KeyCache } from "../../auth/key-cache";
import { defineModule } from "../module";
import { Agency } from "./agency.entity";
import { createAgencyLoaders } from "./agency.loaders";
import { AgencyResolver } from "./agency.resolver";
import { AgencyService } from "./agency.service";

/** Agencies and their API keys (the directory auth identifies callers with). */
export const agencyModule = defineModule({
  name: "agency",
  resolvers: [AgencyResolver],
  entities: [Agency],
  services: { agency: ({ db, config }) => new AgencyService(db, new KeyCache(config.keyCache)) },
  loaders: ({ db }) => createAgencyLoaders(db),
});

import { defineModule } from "../module";
import { createLicenceLoaders } from "./licence.loaders";
import { EnterpriseLicencesResolver, LicenceResolver } from "./licence.resolver";
import { LicenceService } from "./licence.service";

/** Administrative licences (行政许可), published alongside penalties (双公示). */
export const licenceModule = defineModule({
  name: "licence",
  resolvers: [LicenceResolver, EnterpriseLicencesResolver],
  services: { licence: ({ db, config }) => new LicenceService(db, config.rules.licencePublicYears) },
  loaders: ({ db, actor }) => createLicenceLoaders(db, actor),
});

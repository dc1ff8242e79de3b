import { defineModule } from "../module";
import { createSanctionLoaders } from "./sanction.loaders";
import { SanctionResolver } from "./sanction.resolver";
import { SanctionService } from "./sanction.service";

/** Joint sanction measures and the tasks distributed to the departments that apply them (定向分发). */
export const sanctionModule = defineModule({
  name: "sanction",
  resolvers: [SanctionResolver],
  services: { sanction: ({ db, config }) => new SanctionService(db, config.sanctionTaskDays) },
  loaders: ({ db, actor }) => createSanctionLoaders(db, actor),
});

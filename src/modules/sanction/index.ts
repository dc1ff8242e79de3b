import type { EventService } from "../event/event.service";
import { defineModule } from "../module";
import { createSanctionLoaders } from "./sanction.loaders";
import { SanctionResolver } from "./sanction.resolver";
import { SanctionService } from "./sanction.service";

/** Joint sanction measures and the tasks distributed to the departments that apply them (定向分发). */
export const sanctionModule = defineModule({
  name: "sanction",
  resolvers: [SanctionResolver],
  services: { sanction: ({ db, config }, { events }: { events: EventService }) => new SanctionService(db, config.sanctionTaskDays, events) },
  loaders: ({ db, actor }) => createSanctionLoaders(db, actor),
});

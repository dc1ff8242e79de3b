import type { EventService } from "../event/event.service";
import { defineModule } from "../module";
import { createSanctionLoaders } from "./sanction.loaders";
import { SanctionResolver } from "./sanction.resolver";
import { SanctionService } from "./sanction.service";
import { MeasureCatalogueService } from "./measure-catalogue.service";

/** Joint sanction measures and the tasks distributed to the departments that apply them (定向分发). */
export const sanctionModule = defineModule({
  name: "sanction",
  resolvers: [SanctionResolver],
  services: {
    measureCatalogue: ({ db }) => new MeasureCatalogueService(db),
    sanction: ({ db, config }, { events, measureCatalogue }: { events: EventService; measureCatalogue: MeasureCatalogueService }) =>
      new SanctionService(db, config.sanctionTaskDays, events, measureCatalogue),
  },
  loaders: ({ db, actor }) => createSanctionLoaders(db, actor),
});

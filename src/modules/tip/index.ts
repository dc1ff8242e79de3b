import type { EventService } from "../event/event.service";
import { defineModule } from "../module";
import type { StandingService } from "../standing/standing.service";
import { createTipLoaders } from "./tip.loaders";
import { routingTable } from "./tip.rules";
import { HubEventTipResolver, SupervisionActionTipResolver, TipResolver } from "./tip.resolver";
import { TipService } from "./tip.service";

/** Tip-offs (举报): the public reports hazards; the departments supervising the category handle them. */
export const tipModule = defineModule({
  name: "tip",
  resolvers: [TipResolver, HubEventTipResolver, SupervisionActionTipResolver],
  services: {
    tips: ({ db, config, auditKey }, { events, standing }: { events: EventService; standing: StandingService }) =>
      new TipService(db, { ratePerHour: config.tips.ratePerHour, routing: routingTable(config.tips.routing) }, auditKey, events, standing),
  },
  loaders: ({ db, actor }) => createTipLoaders(db, actor),
});

import type { EventService } from "../event/event.service";
import { defineModule } from "../module";
import { KeySupervisionService } from "./key-supervision.service";
import { createSupervisionLoaders } from "./supervision.loaders";
import { EnterpriseSupervisionResolver, KeySupervisionResolver, SupervisionActionResolver, WatchlistWarningsResolver } from "./supervision.resolver";
import { SupervisionService } from "./supervision.service";

/** Supervision before the blacklist (监管前移): warnings, verification, recorded actions, escalation candidates, key supervision targets. */
export const supervisionModule = defineModule({
  name: "supervision",
  resolvers: [SupervisionActionResolver, KeySupervisionResolver, EnterpriseSupervisionResolver, WatchlistWarningsResolver],
  services: {
    supervision: ({ db }, { events }: { events: EventService }) => new SupervisionService(db, events),
    keySupervision: ({ db }) => new KeySupervisionService(db),
  },
  loaders: ({ db, actor }) => createSupervisionLoaders(db, actor),
});

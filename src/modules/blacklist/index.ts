import type { EventService } from "../event/event.service";
import { defineModule } from "../module";
import type { SanctionService } from "../sanction/sanction.service";
import type { StandingService } from "../standing/standing.service";
import { BlacklistEntryResolver, PersonListsResolver } from "./blacklist.resolver";
import { BlacklistService } from "./blacklist.service";

/** The blacklist (严重失信主体名单): enterprises and their responsible persons, and the measures it sets off. */
export const blacklistModule = defineModule({
  name: "blacklist",
  resolvers: [PersonListsResolver, BlacklistEntryResolver],
  services: {
    blacklist: ({ db, config }, { sanction, standing, events }: { sanction: SanctionService; standing: StandingService; events: EventService }) =>
      new BlacklistService(db, sanction, standing, events, config.rules.blacklistValidityYears),
  },
});

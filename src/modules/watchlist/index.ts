import type { EventService } from "../event/event.service";
import type { BlacklistService } from "../blacklist/blacklist.service";
import { defineModule } from "../module";
import type { SupervisionService } from "../supervision/supervision.service";
import type { StandingService } from "../standing/standing.service";
import { WatchlistEntryResolver } from "./watchlist.resolver";
import { WatchlistService } from "./watchlist.service";

/** The watchlist (重点关注名单): listed by the rule or by an OVERSIGHT department, escalated to the blacklist. */
export const watchlistModule = defineModule({
  name: "watchlist",
  resolvers: [WatchlistEntryResolver],
  services: {
    watchlist: (
      { db, config },
      { blacklist, standing, events, supervision }: { blacklist: BlacklistService; standing: StandingService; events: EventService; supervision: SupervisionService },
    ) => new WatchlistService(db, blacklist, standing, events, supervision, config.rules.watchlist),
  },
});

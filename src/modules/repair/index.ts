import type { BlacklistService } from "../blacklist/blacklist.service";
import type { EventService } from "../event/event.service";
import type { WatchlistService } from "../watchlist/watchlist.service";
import { defineModule } from "../module";
import type { StandingService } from "../standing/standing.service";
import { createRepairLoaders, repairProfileParts } from "./repair.loaders";
import { EnterpriseRepairsResolver, RepairResolver } from "./repair.resolver";
import { RepairService } from "./repair.service";

/** Credit repair (信用修复) of listings and penalties. */
export const repairModule = defineModule({
  name: "repair",
  resolvers: [RepairResolver, EnterpriseRepairsResolver],
  services: {
    repair: (
      { db, config },
      { blacklist, watchlist, standing, events }: { blacklist: BlacklistService; watchlist: WatchlistService; standing: StandingService; events: EventService },
    ) => new RepairService(db, blacklist, watchlist, standing, events, config.rules.repair),
  },
  loaders: ({ db, actor }) => createRepairLoaders(db, actor),
  profile: repairProfileParts,
});

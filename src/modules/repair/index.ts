import type { BlacklistService } from "../blacklist/blacklist.service";
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
    repair: ({ db }, { blacklist, watchlist, standing }: { blacklist: BlacklistService; watchlist: WatchlistService; standing: StandingService }) =>
      new RepairService(db, blacklist, watchlist, standing),
  },
  loaders: ({ db, actor }) => createRepairLoaders(db, actor),
  profile: repairProfileParts,
});

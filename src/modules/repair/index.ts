import type { BlacklistService } from "../blacklist/blacklist.service";
import type { WatchlistService } from "../watchlist/watchlist.service";
import { defineModule } from "../module";
import { createRepairLoaders, repairProfileParts } from "./repair.loaders";
import { EnterpriseRepairsResolver, RepairResolver } from "./repair.resolver";
import { RepairService } from "./repair.service";

/** Credit repair (信用修复) of listings. */
export const repairModule = defineModule({
  name: "repair",
  resolvers: [RepairResolver, EnterpriseRepairsResolver],
  services: {
    repair: ({ db }, { blacklist, watchlist }: { blacklist: BlacklistService; watchlist: WatchlistService }) => new RepairService(db, blacklist, watchlist),
  },
  loaders: ({ db }) => createRepairLoaders(db),
  profile: repairProfileParts,
});

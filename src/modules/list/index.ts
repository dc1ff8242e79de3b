import { defineModule } from "../module";
import type { SanctionService } from "../sanction/sanction.service";
import type { StandingService } from "../standing/standing.service";
import { BlacklistService } from "./blacklist.service";
import { createListLoaders, listProfileParts } from "./list.loaders";
import { BlacklistEntryResolver, EnterpriseListsResolver, PersonListsResolver, WatchlistEntryResolver } from "./list.resolver";
import { WatchlistService } from "./watchlist.service";

/** The blacklist (严重失信主体名单) and the watchlist (重点关注名单). */
export const listModule = defineModule({
  name: "list",
  resolvers: [EnterpriseListsResolver, PersonListsResolver, BlacklistEntryResolver, WatchlistEntryResolver],
  services: {
    blacklist: ({ db }, { sanction, standing }: { sanction: SanctionService; standing: StandingService }) => new BlacklistService(db, sanction, standing),
    watchlist: ({ db }, { blacklist, standing }: { blacklist: BlacklistService; standing: StandingService }) => new WatchlistService(db, blacklist, standing),
  },
  loaders: ({ db }) => createListLoaders(db),
  profile: listProfileParts,
});

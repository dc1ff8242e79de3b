import type { WatchlistService } from "../watchlist/watchlist.service";
import { defineModule } from "../module";
import type { SupervisionService } from "../supervision/supervision.service";
import type { StandingService } from "../standing/standing.service";
import { Penalty } from "./penalty.entity";
import { createPenaltyLoaders, penaltyProfileParts } from "./penalty.loaders";
import { EnterprisePenaltiesResolver, PenaltyResolver } from "./penalty.resolver";
import { PenaltyService } from "./penalty.service";

/** Administrative penalties (行政处罚), their disclosure and the watchlist rule they feed. */
export const penaltyModule = defineModule({
  name: "penalty",
  resolvers: [PenaltyResolver, EnterprisePenaltiesResolver],
  entities: [Penalty],
  services: {
    penalty: ({ db, config }, { watchlist, standing, supervision }: { watchlist: WatchlistService; standing: StandingService; supervision: SupervisionService }) =>
      new PenaltyService(db, config.publication, watchlist, standing, supervision),
  },
  loaders: ({ db, actor }) => createPenaltyLoaders(db, actor),
  profile: penaltyProfileParts,
});

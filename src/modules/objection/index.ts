import type { EventService } from "../event/event.service";
import type { BlacklistService } from "../blacklist/blacklist.service";
import { defineModule } from "../module";
import type { PenaltyService } from "../penalty/penalty.service";
import type { StandingService } from "../standing/standing.service";
import type { WatchlistService } from "../watchlist/watchlist.service";
import { createObjectionLoaders, objectionProfileParts } from "./objection.loaders";
import { EnterpriseObjectionsResolver, ObjectionResolver } from "./objection.resolver";
import { ObjectionReportService } from "./objection-report.service";
import { ObjectionService } from "./objection.service";

/** Objections (异议处理): a subject disputes a record, its producer decides. */
export const objectionModule = defineModule({
  name: "objection",
  resolvers: [ObjectionResolver, EnterpriseObjectionsResolver],
  services: {
    objection: (
      { db, config },
      deps: { penalty: PenaltyService; blacklist: BlacklistService; watchlist: WatchlistService; standing: StandingService; events: EventService },
    ) => new ObjectionService(db, config.objectionWorkingDays, deps.penalty, deps.blacklist, deps.watchlist, deps.standing, deps.events),
    objectionReport: ({ db }) => new ObjectionReportService(db),
  },
  loaders: ({ db, actor }) => createObjectionLoaders(db, actor),
  profile: objectionProfileParts,
});

import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Enterprise } from "../enterprise/enterprise.entity";
import { measuresFor } from "../sanction/sanction-catalogue";
import { SanctionMeasureCode } from "../sanction/sanction.enums";
import { BlacklistEntry } from "../blacklist/blacklist-entry.type";
import { WatchlistEntry } from "../watchlist/watchlist-entry.type";

@Resolver(() => Enterprise)
export class EnterpriseListsResolver {
  @FieldResolver(() => Boolean, { nullable: true, description: "True while the enterprise has an ACTIVE watchlist entry." })
  async onWatchlist(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<boolean> {
    return (await ctx.loaders.listState.load(e.id))!.watched;
  }

  @FieldResolver(() => [WatchlistEntry], { nullable: true, description: "Every watchlist entry of the enterprise, newest first." })
  watchlist(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<WatchlistEntry[]> {
    return ctx.loaders.watchlistByEnterprise.load(e.id);
  }

  @FieldResolver(() => Boolean, { description: "True while the enterprise itself has an ACTIVE ENTERPRISE blacklist entry." })
  async onBlacklist(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<boolean> {
    return (await ctx.loaders.listState.load(e.id))!.blacklisted;
  }

  @FieldResolver(() => [BlacklistEntry], {
    description: "The enterprise's blacklist entries and the PERSON entries listed together with them, any status.",
  })
  blacklist(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<BlacklistEntry[]> {
    return ctx.loaders.blacklistByEnterprise.load(e.id);
  }

  @FieldResolver(() => [SanctionMeasureCode], {
    description: "Measures in force against the enterprise or its current responsible persons.",
  })
  async measuresInForce(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<readonly SanctionMeasureCode[]> {
    const state = (await ctx.loaders.listState.load(e.id))!;
    if (!state.blacklisted && !state.holderBlacklisted) return [];
    // The catalogue in force (kept in memory: no statement of its own in the profile).
    const { measures } = await ctx.services.measureCatalogue.inForce();
    return measuresFor(measures, state.blacklisted ? "ENTERPRISE" : "PERSON").map((m) => m.code);
  }
}

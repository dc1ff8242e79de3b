import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Enterprise } from "../enterprise/enterprise.entity";
import { Penalty } from "../penalty/penalty.entity";
import { BlacklistEntry } from "../blacklist/blacklist-entry.type";
import { BlacklistInput } from "../blacklist/blacklist.inputs";
import { WatchlistInput } from "./watchlist.inputs";
import { WatchlistEntry } from "./watchlist-entry.type";
import { ArgMaxLength } from "../../shared/max-length";

@Resolver(() => WatchlistEntry)
export class WatchlistEntryResolver {
  @FieldResolver(() => Enterprise)
  async enterprise(@Root() w: WatchlistEntry, @Ctx() ctx: RequestContext): Promise<Enterprise> {
    return (await ctx.loaders.enterpriseById.load(w.enterpriseId))!;
  }

  @FieldResolver(() => [Penalty])
  triggeringPenalties(@Root() w: WatchlistEntry, @Ctx() ctx: RequestContext): Promise<Penalty[]> {
    return ctx.loaders.triggeringPenalties.load(w.id);
  }

  @FieldResolver(() => BlacklistEntry, { nullable: true })
  escalatedTo(@Root() w: WatchlistEntry, @Ctx() ctx: RequestContext): Promise<BlacklistEntry | null> | null {
    return w.escalatedToId ? ctx.loaders.blacklistById.load(w.escalatedToId) : null;
  }

  @Mutation(() => WatchlistEntry, { description: "Lists an enterprise on the watchlist by decision of an OVERSIGHT department." })
  addToWatchlist(@Arg("input") input: WatchlistInput, @Ctx() ctx: RequestContext): Promise<WatchlistEntry> {
    return ctx.services.watchlist.addToWatchlist(ctx.requireAgency(), input);
  }

  @ArgMaxLength({ reason: 2000 })
  @Mutation(() => WatchlistEntry)
  removeFromWatchlist(@Arg("id", () => ID) id: string, @Arg("reason") reason: string, @Ctx() ctx: RequestContext): Promise<WatchlistEntry> {
    return ctx.services.watchlist.removeFromWatchlist(ctx.requireAgency(), id, reason);
  }

  @Mutation(() => BlacklistEntry, { description: "Moves a watchlist entry to the blacklist after a serious violation within its validity." })
  escalateWatchlistEntry(
    @Arg("id", () => ID) id: string,
    @Arg("input") input: BlacklistInput,
    @Ctx() ctx: RequestContext,
  ): Promise<BlacklistEntry> {
    return ctx.services.watchlist.escalateWatchlistEntry(ctx.requireAgency(), id, input);
  }
}

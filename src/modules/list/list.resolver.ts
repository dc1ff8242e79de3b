import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { DateScalar } from "../../shared/scalars";
import { Enterprise } from "../enterprise/enterprise.entity";
import { Penalty } from "../penalty/penalty.entity";
import { Person } from "../person/person.entity";
import { ALL_MEASURES, PERSON_MEASURES, SanctionMeasure, measureOf } from "../sanction/sanction-catalogue";
import { SanctionMeasureCode } from "../sanction/sanction.enums";
import { SanctionTask } from "../sanction/sanction-task.type";
import { BlacklistEntry } from "./blacklist-entry.type";
import { BlacklistInput, WatchlistInput } from "./list.inputs";
import { WatchlistEntry } from "./watchlist-entry.type";
import { ArgMaxLength } from "../../shared/max-length";

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
    if (state.blacklisted) return ALL_MEASURES;
    return state.holderBlacklisted ? PERSON_MEASURES : [];
  }
}

@Resolver(() => Person)
export class PersonListsResolver {
  @FieldResolver(() => Boolean, { description: "True while the person has an ACTIVE PERSON blacklist entry." })
  async onBlacklist(@Root() p: Person, @Ctx() ctx: RequestContext): Promise<boolean> {
    return (await ctx.loaders.personListState.load(p.id))!.blacklisted;
  }

  @FieldResolver(() => [BlacklistEntry], { description: "The person's blacklist entries, any status." })
  blacklist(@Root() p: Person, @Ctx() ctx: RequestContext): Promise<BlacklistEntry[]> {
    return ctx.loaders.blacklistByPerson.load(p.id);
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: "The latest validUntil of the person's ACTIVE entries (市场禁入)." })
  async marketBanUntil(@Root() p: Person, @Ctx() ctx: RequestContext): Promise<string | null> {
    return (await ctx.loaders.personListState.load(p.id))!.marketBanUntil;
  }
}

@Resolver(() => BlacklistEntry)
export class BlacklistEntryResolver {
  @FieldResolver(() => Enterprise)
  async enterprise(@Root() b: BlacklistEntry, @Ctx() ctx: RequestContext): Promise<Enterprise> {
    return (await ctx.loaders.enterpriseById.load(b.enterpriseId))!;
  }

  @FieldResolver(() => Person, { nullable: true })
  person(@Root() b: BlacklistEntry, @Ctx() ctx: RequestContext): Promise<Person | null> | null {
    return b.personId ? ctx.loaders.personById.load(b.personId) : null;
  }

  @FieldResolver(() => [SanctionMeasure], { description: "The catalogue measures that apply to this kind of entry." })
  measures(@Root() b: BlacklistEntry): SanctionMeasure[] {
    return (b.subjectType === "ENTERPRISE" ? ALL_MEASURES : PERSON_MEASURES).map(measureOf);
  }

  @FieldResolver(() => [SanctionTask], { nullable: true, description: "Tasks distributed for this entry: the caller's department's; OVERSIGHT sees all." })
  tasks(@Root() b: BlacklistEntry, @Ctx() ctx: RequestContext): Promise<SanctionTask[]> {
    return ctx.loaders.tasksByEntry.load(b.id);
  }

  @Mutation(() => [BlacklistEntry], { description: "Lists the enterprise and the current holders of includeRoles (黑名单)." })
  addToBlacklist(@Arg("input") input: BlacklistInput, @Ctx() ctx: RequestContext): Promise<BlacklistEntry[]> {
    return ctx.services.blacklist.addToBlacklist(ctx.requireAgency(), input);
  }

  @ArgMaxLength({ reason: 2000 })
  @Mutation(() => BlacklistEntry, { description: "Ends an ACTIVE listing early, with its PERSON entries." })
  removeFromBlacklist(@Arg("id", () => ID) id: string, @Arg("reason") reason: string, @Ctx() ctx: RequestContext): Promise<BlacklistEntry> {
    return ctx.services.blacklist.removeFromBlacklist(ctx.requireAgency(), id, reason);
  }
}

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

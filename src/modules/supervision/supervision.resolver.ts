import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { IndustrySector } from "../enterprise/enterprise.enums";
import { Enterprise } from "../enterprise/enterprise.entity";
import { WatchlistEntry, WatchlistEntryConnection } from "../watchlist/watchlist-entry.type";
import { CreditCodeScalar, DateScalar } from "../../shared/scalars";
import { ArgMaxLength } from "../../shared/max-length";
import { forbidden } from "../../shared/errors";
import { toConnection } from "../../shared/pagination";
import { KeySupervisionTarget, KeySupervisionTargetConnection } from "./key-supervision-target.type";
import { SupervisionAction, SupervisionActionInput } from "./supervision-action.type";

@Resolver(() => SupervisionAction)
export class SupervisionActionResolver {
  @Mutation(() => SupervisionAction, {
    description: "Records a supervision action about an enterprise of the caller's region; a VERIFICATION of a watchlist entry completes the department's open request.",
  })
  recordSupervisionAction(@Arg("input") input: SupervisionActionInput, @Ctx() ctx: RequestContext): Promise<SupervisionAction> {
    return ctx.services.supervision.record(ctx.requireAgency(), input);
  }

  @Mutation(() => SupervisionAction, { description: "The enterprise acknowledges a warning addressed to it (SUBJECT callers)." })
  acknowledgeWarning(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<SupervisionAction> {
    const actor = ctx.requireIdentified();
    if (actor.kind !== "subject") throw forbidden();
    return ctx.services.supervision.acknowledge(actor, id);
  }

  @ArgMaxLength({ regionCode: 12, after: 200 })
  @Query(() => WatchlistEntryConnection, {
    nullable: true,
    description: "Watched enterprises that had a new non-revoked penalty or a MAJOR/ESPECIALLY_MAJOR accident during the entry's validity (OVERSIGHT).",
  })
  async escalationCandidates(
    @Arg("regionCode", () => String, { nullable: true }) regionCode: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    ctx.requireAgency();
    return toConnection(await ctx.services.supervision.candidates(regionCode, first ?? 50, after));
  }

  @FieldResolver(() => Enterprise)
  async enterprise(@Root() a: SupervisionAction, @Ctx() ctx: RequestContext): Promise<Enterprise> {
    return (await ctx.loaders.enterpriseById.load(a.enterpriseId))!;
  }

  @FieldResolver(() => WatchlistEntry, { nullable: true })
  watchlistEntry(@Root() a: SupervisionAction, @Ctx() ctx: RequestContext): Promise<WatchlistEntry | null> | null {
    return a.watchlistEntryId ? ctx.loaders.watchlistById.load(a.watchlistEntryId) : null;
  }
}

@Resolver(() => KeySupervisionTarget)
export class KeySupervisionResolver {
  @ArgMaxLength({ reason: 2000 })
  @Mutation(() => KeySupervisionTarget, { description: "Designates a key supervision target (重点监管): EMERGENCY_MANAGEMENT and CREDIT_OFFICE, for their region." })
  designateKeySupervisionTarget(
    @Arg("creditCode", () => CreditCodeScalar) creditCode: string,
    @Arg("reason") reason: string,
    @Arg("until", () => DateScalar, { nullable: true }) until: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<KeySupervisionTarget> {
    return ctx.services.keySupervision.designate(ctx.requireAgency(), creditCode, reason, until ?? null);
  }

  @ArgMaxLength({ reason: 2000 })
  @Mutation(() => KeySupervisionTarget, { description: "Ends a designation; it stays in the history." })
  endKeySupervisionTarget(@Arg("id", () => ID) id: string, @Arg("reason") reason: string, @Ctx() ctx: RequestContext): Promise<KeySupervisionTarget> {
    return ctx.services.keySupervision.end(ctx.requireAgency(), id, reason);
  }

  @ArgMaxLength({ regionCode: 12, after: 200 })
  @Query(() => KeySupervisionTargetConnection, { nullable: true, description: "Active key supervision targets, newest designation first (GOV)." })
  async keySupervisionTargets(
    @Arg("regionCode", () => String, { nullable: true }) regionCode: string | null,
    @Arg("sector", () => IndustrySector, { nullable: true }) sector: IndustrySector | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    ctx.requireAgency();
    return toConnection(await ctx.services.keySupervision.list(regionCode, sector, first ?? 50, after));
  }

  @FieldResolver(() => Enterprise)
  async enterprise(@Root() k: KeySupervisionTarget, @Ctx() ctx: RequestContext): Promise<Enterprise> {
    return (await ctx.loaders.enterpriseById.load(k.enterpriseId))!;
  }
}

@Resolver(() => Enterprise)
export class EnterpriseSupervisionResolver {
  @FieldResolver(() => [SupervisionAction], { nullable: true, description: "Supervision records: departments all; the enterprise itself its warnings." })
  supervisionActions(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<SupervisionAction[]> {
    return ctx.loaders.supervisionActionsByEnterprise.load(e.id);
  }

  @FieldResolver(() => KeySupervisionTarget, { nullable: true, description: "The active key supervision designation, if any (GOV)." })
  keySupervision(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<KeySupervisionTarget | null> {
    return ctx.loaders.keySupervisionByEnterprise.load(e.id);
  }
}

@Resolver(() => WatchlistEntry)
export class WatchlistWarningsResolver {
  @FieldResolver(() => [SupervisionAction], { nullable: true, description: "Warnings issued to the enterprise about this entry (警示), oldest first." })
  warnings(@Root() w: WatchlistEntry, @Ctx() ctx: RequestContext): Promise<SupervisionAction[]> {
    return ctx.loaders.warningsByWatchlistEntry.load(w.id);
  }
}

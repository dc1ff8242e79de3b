import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Enterprise } from "../enterprise/enterprise.entity";
import { HubEvent } from "../event/hub-event.type";
import { SupervisionAction } from "../supervision/supervision-action.type";
import { ArgMaxLength } from "../../shared/max-length";
import { forbidden } from "../../shared/errors";
import { toConnection } from "../../shared/pagination";
import { TipStatus } from "./tip.enums";
import { handlesTip } from "./tip.rules";
import { Tip, TipConnection, TipInput, TipProgress, TipReceipt } from "./tip.type";

@Resolver(() => Tip)
export class TipResolver {
  @Mutation(() => TipReceipt, {
    description:
      "Open to the public: no key needed. At most 5 tip-offs per address and hour (RATE_LIMITED beyond); the same text again within a " +
      "minute is the same tip. Keep the receipt: its number and secret read the tip's progress (tipStatus).",
  })
  submitTip(@Arg("input") input: TipInput, @Ctx() ctx: RequestContext): Promise<TipReceipt> {
    return ctx.services.tips.submit(input, ctx.clientAddress);
  }

  @ArgMaxLength({ trackingNumber: 64, secret: 128 })
  @Query(() => TipProgress, { nullable: true, description: "A tip's progress, for its reporter: the tracking number and the secret of the receipt." })
  tipStatus(@Arg("trackingNumber") trackingNumber: string, @Arg("secret") secret: string, @Ctx() ctx: RequestContext): Promise<TipProgress> {
    return ctx.services.tips.progress(trackingNumber, secret);
  }

  @ArgMaxLength({ after: 200 })
  @Query(() => TipConnection, { nullable: true, description: "Tip-offs routed to the caller's department in its region; OVERSIGHT all. Newest first." })
  async tips(
    @Arg("status", () => TipStatus, { nullable: true }) status: TipStatus | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await ctx.services.tips.list(ctx.requireAgency(), status, first ?? 50, after));
  }

  @ArgMaxLength({ outcome: 2000 })
  @Mutation(() => Tip, { description: "A routed department of the tip's region sets its status and outcome; SUBSTANTIATED counts in the enterprise's risk." })
  updateTip(
    @Arg("id", () => ID) id: string,
    @Arg("status", () => TipStatus) status: TipStatus,
    @Arg("outcome", () => String, { nullable: true }) outcome: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Tip> {
    return ctx.services.tips.update(ctx.requireAgency(), id, status, outcome);
  }

  @FieldResolver(() => Enterprise, { nullable: true, description: "The enterprise, once the hub knows it (by credit code, or by name in the tip's city)." })
  enterprise(@Root() t: Tip, @Ctx() ctx: RequestContext): Promise<Enterprise | null> | null {
    return t.enterpriseId ? ctx.loaders.enterpriseById.load(t.enterpriseId) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "The reporter's contact: the handling departments only." })
  contact(@Root() t: Tip, @Ctx() ctx: RequestContext): string | null {
    // The shield lets departments through; of them only a routed one of the tip's region reads it.
    if (ctx.actor.kind !== "agency" || !handlesTip(ctx.actor, t)) throw forbidden();
    return t.contact;
  }
}

@Resolver(() => HubEvent)
export class HubEventTipResolver {
  @FieldResolver(() => Tip, { nullable: true })
  tip(@Root() e: HubEvent, @Ctx() ctx: RequestContext): Promise<Tip | null> | null {
    return e.tipId ? ctx.loaders.tipById.load(e.tipId) : null;
  }
}

@Resolver(() => SupervisionAction)
export class SupervisionActionTipResolver {
  @FieldResolver(() => Tip, { nullable: true })
  tip(@Root() a: SupervisionAction, @Ctx() ctx: RequestContext): Promise<Tip | null> | null {
    return a.tipId ? ctx.loaders.tipById.load(a.tipId) : null;
  }
}

import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { today } from "../../shared/clock";
import { connectionTypes, toConnection } from "../../shared/pagination";
import { Agency } from "../agency/agency.entity";
import { Enterprise } from "../enterprise/enterprise.entity";
import { Person } from "../person/person.entity";
import { Penalty } from "./penalty.entity";
import { penaltyCursor, penaltyPageArgs } from "./penalty.loaders";
import { PenaltyInput } from "./penalty.inputs";
import { ArgMaxLength } from "../../shared/max-length";
import { CURSOR_MAX_LENGTH } from "../../shared/text-bounds";

export const { Edge: PenaltyEdge, Connection: PenaltyConnection } = connectionTypes("Penalty", Penalty);

@Resolver(() => Penalty)
export class PenaltyResolver {
  @FieldResolver(() => Boolean, { description: "True while today is on or before publicUntil and no approved repair ended its publication." })
  isPublic(@Root() penalty: Penalty): boolean {
    // An approved repair ends publication at once.
    return !penalty.repaired && today() <= penalty.publicUntil;
  }

  @FieldResolver(() => Boolean)
  revoked(@Root() penalty: Penalty): boolean {
    return penalty.revokedAt !== null;
  }

  @FieldResolver(() => Agency, { nullable: true, description: "The agency that recorded the penalty." })
  agency(@Root() penalty: Penalty, @Ctx() ctx: RequestContext): Promise<Agency | null> | null {
    return penalty.agencyId ? ctx.loaders.agencyById.load(penalty.agencyId) : null;
  }

  @FieldResolver(() => Person, {
    nullable: true,
    description: "The responsible person penalised together with the enterprise, if any.",
  })
  person(@Root() penalty: Penalty, @Ctx() ctx: RequestContext): Promise<Person | null> | null {
    return penalty.personId ? ctx.loaders.personById.load(penalty.personId) : null;
  }

  @Mutation(() => Penalty, { description: "Records a penalty decided by the caller's department." })
  recordPenalty(@Arg("input") input: PenaltyInput, @Ctx() ctx: RequestContext): Promise<Penalty> {
    return ctx.services.penalty.record(ctx.requireAgency(), input);
  }

  @ArgMaxLength({ reason: 2000 })
  @Mutation(() => Penalty, { description: "Revokes a penalty recorded by the caller's department; it stays on record." })
  revokePenalty(
    @Arg("id", () => ID) id: string,
    @Arg("reason") reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Penalty> {
    return ctx.services.penalty.revoke(ctx.requireAgency(), id, reason);
  }
}

@Resolver(() => Enterprise)
export class EnterprisePenaltiesResolver {
  @ArgMaxLength({ after: CURSOR_MAX_LENGTH })
  @FieldResolver(() => PenaltyConnection, {
    description: "Administrative penalties, newest first; revoked ones included for government callers.",
  })
  async penalties(
    @Root() enterprise: Enterprise,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) firstArg: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const args = penaltyPageArgs(firstArg, after);
    const first = args.first;
    const rows = await ctx.loaders.penaltyPages(args).load(enterprise.id);
    return toConnection({
      nodes: rows.slice(0, first),
      hasNextPage: rows.length > first,
      totalCount: () => rows[0]?.total ?? 0,
      cursorOf: (p) => penaltyCursor.encode([p.decidedOn, p.id]),
    });
  }
}

import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Enterprise } from "../enterprise/enterprise.entity";
import { BlacklistEntry } from "../blacklist/blacklist-entry.type";
import { WatchlistEntry } from "../watchlist/watchlist-entry.type";
import { CreditRepair } from "./credit-repair.type";
import { CreditRepairInput } from "./repair.inputs";
import { Penalty } from "../penalty/penalty.entity";
import { ArgMaxLength } from "../../shared/max-length";

@Resolver(() => CreditRepair)
export class RepairResolver {
  @FieldResolver(() => Enterprise)
  async enterprise(@Root() r: CreditRepair, @Ctx() ctx: RequestContext): Promise<Enterprise> {
    return (await ctx.loaders.enterpriseById.load(r.enterpriseId))!;
  }

  @FieldResolver(() => BlacklistEntry, { nullable: true })
  blacklistEntry(@Root() r: CreditRepair, @Ctx() ctx: RequestContext): Promise<BlacklistEntry | null> | null {
    return r.blacklistEntryId ? ctx.loaders.blacklistById.load(r.blacklistEntryId) : null;
  }

  @FieldResolver(() => WatchlistEntry, { nullable: true })
  watchlistEntry(@Root() r: CreditRepair, @Ctx() ctx: RequestContext): Promise<WatchlistEntry | null> | null {
    return r.watchlistEntryId ? ctx.loaders.watchlistById.load(r.watchlistEntryId) : null;
  }

  @FieldResolver(() => Penalty, { nullable: true })
  penalty(@Root() r: CreditRepair, @Ctx() ctx: RequestContext): Promise<Penalty | null> | null {
    return r.penaltyId ? ctx.loaders.penaltyById.load(r.penaltyId) : null;
  }

  @Mutation(() => CreditRepair, { description: "Submits a credit repair (信用修复) on the enterprise's behalf." })
  submitCreditRepair(@Arg("input") input: CreditRepairInput, @Ctx() ctx: RequestContext): Promise<CreditRepair> {
    return ctx.services.repair.submitCreditRepair(ctx.requireAgency(), input);
  }

  @ArgMaxLength({ reason: 2000 })
  @Mutation(() => CreditRepair, {
    description: "Approves or rejects a repair: the recognizing (for a penalty, the recording) department or CREDIT_OFFICE. Approval stops the record's publication and sharing at once.",
  })
  decideCreditRepair(
    @Arg("id", () => ID) id: string,
    @Arg("approve") approve: boolean,
    @Arg("reason") reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CreditRepair> {
    return ctx.services.repair.decideCreditRepair(ctx.requireAgency(), id, approve, reason);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseRepairsResolver {
  @FieldResolver(() => [CreditRepair], { nullable: true })
  repairs(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<CreditRepair[]> {
    return ctx.loaders.repairsByEnterprise.load(e.id);
  }
}

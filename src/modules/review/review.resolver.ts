import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { CreditCodeScalar } from "../../shared/scalars";
import { AdministrativeMatter } from "../enterprise/administrative-matter.enums";
import { BlacklistEntry } from "../blacklist/blacklist-entry.type";
import { WatchlistEntry } from "../watchlist/watchlist-entry.type";
import { CreditReviewResult, ReviewReason } from "./review.type";

@Resolver(() => ReviewReason)
export class ReviewResolver {
  @Query(() => [CreditReviewResult], { nullable: true, description: "信用审查 of up to 1000 enterprises for one administrative matter, in input order." })
  async creditReview(
    @Arg("creditCodes", () => [CreditCodeScalar]) creditCodes: string[],
    @Arg("matter", () => AdministrativeMatter) matter: AdministrativeMatter,
    @Ctx() ctx: RequestContext,
  ): Promise<CreditReviewResult[]> {
    const results = await ctx.services.review.review(ctx.requireAgency(), creditCodes, matter);
    // Logged once the review ran: a refused one (over 1000 codes) read no subject.
    ctx.audit.reviewed = true;
    ctx.audit.purpose = matter;
    for (const code of creditCodes) ctx.audit.enterprise(code);
    return results;
  }

  @FieldResolver(() => BlacklistEntry, { nullable: true })
  blacklistEntry(@Root() r: ReviewReason, @Ctx() ctx: RequestContext): Promise<BlacklistEntry | null> | null {
    return r.blacklistEntryId ? ctx.loaders.blacklistById.load(r.blacklistEntryId) : null;
  }

  @FieldResolver(() => WatchlistEntry, { nullable: true })
  watchlistEntry(@Root() r: ReviewReason, @Ctx() ctx: RequestContext): Promise<WatchlistEntry | null> | null {
    return r.watchlistEntryId ? ctx.loaders.watchlistById.load(r.watchlistEntryId) : null;
  }
}

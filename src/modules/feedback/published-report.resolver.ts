import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context";
import { ArgMaxLength } from "../../shared/max-length";
import { PublishedReport } from "./published-report.type";

@Resolver(() => PublishedReport)
export class PublishedReportResolver {
  @ArgMaxLength({ after: 36 })
  @Query(() => [PublishedReport], {
    nullable: true,
    description: "The archived 通报 of closed periods, newest first (OVERSIGHT); after = the id of the previous page's last report.",
  })
  publishedReports(
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PublishedReport[]> {
    ctx.requireAgency();
    return ctx.services.publishedReports.list(first ?? 20, after ?? null);
  }
}

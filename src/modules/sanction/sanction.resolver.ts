import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { connectionTypes, toConnection } from "../../shared/pagination";
import { BlacklistEntry } from "../blacklist/blacklist-entry.type";
import { SANCTION_CATALOGUE, SanctionMeasure, measureOf } from "./sanction-catalogue";
import { SanctionTaskStatus } from "./sanction.enums";
import { SanctionTask } from "./sanction-task.type";
import { ArgMaxLength } from "../../shared/max-length";
import { CURSOR_MAX_LENGTH } from "../../shared/text-bounds";

export const { Edge: SanctionTaskEdge, Connection: SanctionTaskConnection } = connectionTypes("SanctionTask", SanctionTask);

@Resolver(() => SanctionTask)
export class SanctionResolver {
  @Query(() => [SanctionMeasure], { description: "The joint sanction measure catalogue (联合奖惩措施清单)." })
  sanctionMeasures(): readonly SanctionMeasure[] {
    return SANCTION_CATALOGUE;
  }

  @ArgMaxLength({ after: CURSOR_MAX_LENGTH })
  @Query(() => SanctionTaskConnection, {
    nullable: true,
    description: "Sanction tasks the caller may see: its own department's; OVERSIGHT sees every department's.",
  })
  async sanctionTasks(
    @Arg("status", () => SanctionTaskStatus, { nullable: true }) status: SanctionTaskStatus | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
    @Arg("overdue", () => Boolean, { nullable: true, description: "OPEN tasks past their due date (true), or the others (false)." }) overdue: boolean | null,
  ) {
    return toConnection(await ctx.services.sanction.list(ctx.requireAgency(), status, first ?? 50, after, overdue));
  }

  @FieldResolver(() => BlacklistEntry)
  async blacklistEntry(@Root() t: SanctionTask, @Ctx() ctx: RequestContext): Promise<BlacklistEntry> {
    return (await ctx.loaders.blacklistById.load(t.blacklistEntryId))!;
  }

  @FieldResolver(() => SanctionMeasure)
  measure(@Root() t: SanctionTask): SanctionMeasure {
    return measureOf(t.measureCode);
  }
}

import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { connectionTypes, toConnection } from "../../shared/pagination";
import { BlacklistEntry } from "../blacklist/blacklist-entry.type";
import { MeasureCatalogue, SanctionMeasure } from "./sanction-catalogue";
import { SanctionTaskStatus } from "./sanction.enums";
import { SanctionTask } from "./sanction-task.type";
import { ArgMaxLength } from "../../shared/max-length";
import { CURSOR_MAX_LENGTH } from "../../shared/text-bounds";

export const { Edge: SanctionTaskEdge, Connection: SanctionTaskConnection } = connectionTypes("SanctionTask", SanctionTask);

@Resolver(() => SanctionTask)
export class SanctionResolver {
  @Query(() => [SanctionMeasure], { description: "The joint sanction measure catalogue (联合奖惩措施清单) in force: future distributions use it." })
  async sanctionMeasures(@Ctx() ctx: RequestContext): Promise<readonly SanctionMeasure[]> {
    return (await ctx.services.measureCatalogue.inForce()).measures;
  }

  @ArgMaxLength({ note: 2000 })
  @Mutation(() => MeasureCatalogue, {
    description:
      "Publishes a new version of the measure catalogue (CREDIT_OFFICE): distributions from now on use it; tasks already distributed keep " +
      "the version they were distributed under. The codes are those of SanctionMeasureCode; a measure left out is no longer distributed.",
  })
  publishMeasureCatalogue(
    @Arg("measures", () => [SanctionMeasure]) measures: SanctionMeasure[],
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<MeasureCatalogue> {
    return ctx.services.measureCatalogue.publish(ctx.requireAgency(), measures, note);
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

  @FieldResolver(() => SanctionMeasure, { description: "The measure as the catalogue version the task was distributed under has it." })
  async measure(@Root() t: SanctionTask, @Ctx() ctx: RequestContext): Promise<SanctionMeasure> {
    const { measures } = await ctx.services.measureCatalogue.version(t.catalogueVersion);
    return measures.find((m) => m.code === t.measureCode)!;
  }
}

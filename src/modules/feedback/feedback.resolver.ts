import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { ErrorCode } from "../../shared/errors";
import { checkFirst, connectionTypes, toConnection } from "../../shared/pagination";
import { DateScalar } from "../../shared/scalars";
import { Agency } from "../agency/agency.entity";
import { Department } from "../../auth/department.enums";
import { Enterprise } from "../enterprise/enterprise.entity";
import { BlacklistEntry } from "../blacklist/blacklist-entry.type";
import { SanctionTask } from "../sanction/sanction-task.type";
import { FeedbackReport, ReportLink } from "./feedback-report.type";
import { ArgMaxLength } from "../../shared/max-length";
import { CURSOR_MAX_LENGTH } from "../../shared/text-bounds";
import { feedbackCursor } from "./feedback.loaders";
import { SanctionFeedback, SanctionFeedbackBatchResult, SanctionFeedbackPayload } from "./feedback.type";
import { SanctionFeedbackInput } from "./feedback.inputs";

export const { Edge: SanctionFeedbackEdge, Connection: SanctionFeedbackConnection } = connectionTypes("SanctionFeedback", SanctionFeedback);

@Resolver(() => SanctionFeedback)
export class FeedbackResolver {
  @FieldResolver(() => SanctionTask, { nullable: true })
  task(@Root() f: SanctionFeedback, @Ctx() ctx: RequestContext): Promise<SanctionTask | null> | null {
    return f.taskId ? ctx.loaders.taskById.load(f.taskId) : null;
  }

  @FieldResolver(() => BlacklistEntry)
  async blacklistEntry(@Root() f: SanctionFeedback, @Ctx() ctx: RequestContext): Promise<BlacklistEntry> {
    return (await ctx.loaders.blacklistById.load(f.blacklistEntryId))!;
  }

  @FieldResolver(() => Agency)
  async agency(@Root() f: SanctionFeedback, @Ctx() ctx: RequestContext): Promise<Agency> {
    return (await ctx.loaders.agencyById.load(f.agencyId))!;
  }

  @FieldResolver(() => SanctionFeedback, { nullable: true })
  supersedes(@Root() f: SanctionFeedback, @Ctx() ctx: RequestContext): Promise<SanctionFeedback | null> | null {
    return f.supersedesId ? ctx.loaders.feedbackById.load(f.supersedesId) : null;
  }

  @FieldResolver(() => SanctionFeedback, { nullable: true })
  supersededBy(@Root() f: SanctionFeedback, @Ctx() ctx: RequestContext): Promise<SanctionFeedback | null> | null {
    return f.supersededById ? ctx.loaders.feedbackById.load(f.supersededById) : null;
  }

  @Mutation(() => SanctionFeedbackPayload, { description: "Reports how a measure was applied (惩戒实施情况反馈); idempotent by clientReference." })
  registerSanctionFeedback(@Arg("input") input: SanctionFeedbackInput, @Ctx() ctx: RequestContext): Promise<SanctionFeedbackPayload> {
    return ctx.services.feedback.register(ctx.requireAgency(), input);
  }

  @Mutation(() => SanctionFeedbackBatchResult, {
    description: "Up to 500 reports in one call; each is applied or rejected on its own. More than 500: the whole call is BAD_USER_INPUT and nothing is written.",
  })
  async registerSanctionFeedbackBatch(
    @Arg("inputs", () => [SanctionFeedbackInput]) inputs: SanctionFeedbackInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<SanctionFeedbackBatchResult> {
    const result = await ctx.services.feedback.registerBatch(ctx.requireAgency(), inputs);
    // A refused item is a denied attempt even though the batch as a whole is answered.
    if (result.items.some((item) => item.error?.code === ErrorCode.FORBIDDEN)) ctx.audit.denied.add("Mutation.registerSanctionFeedbackBatch");
    return result;
  }

  @ArgMaxLength({ reason: 2000 })
  @Mutation(() => SanctionFeedbackPayload, { description: "Writes a new report that supersedes one of the caller's department's CURRENT reports." })
  correctSanctionFeedback(
    @Arg("id", () => ID) id: string,
    @Arg("input") input: SanctionFeedbackInput,
    @Arg("reason") reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SanctionFeedbackPayload> {
    return ctx.services.feedback.correct(ctx.requireAgency(), id, input, reason);
  }

  @ArgMaxLength({ reason: 2000 })
  @Mutation(() => SanctionFeedback, { description: "Withdraws one of the caller's department's CURRENT reports; it stays readable as RETRACTED." })
  retractSanctionFeedback(@Arg("id", () => ID) id: string, @Arg("reason") reason: string, @Ctx() ctx: RequestContext): Promise<SanctionFeedback> {
    return ctx.services.feedback.retract(ctx.requireAgency(), id, reason);
  }

  @ArgMaxLength({ regionCode: 12 })
  @Query(() => FeedbackReport, { nullable: true, description: "联合惩戒实施情况通报: the caller's department; OVERSIGHT any." })
  feedbackReport(
    @Arg("from", () => DateScalar) from: string,
    @Arg("to", () => DateScalar) to: string,
    @Arg("department", () => Department, { nullable: true }) department: Department | null,
    @Arg("regionCode", () => String, { nullable: true }) regionCode: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<FeedbackReport> {
    return ctx.services.feedbackReport.report(ctx.requireAgency(), from, to, department, regionCode);
  }

  @ArgMaxLength({ regionCode: 12 })
  @Mutation(() => ReportLink, { description: "A signed link to the report page (HTML, CSV, PDF) of feedbackReport with these arguments, valid 30 minutes, that reads as the calling agency without its key: for sharing with a browser. A revoked agency's links stop working." })
  async feedbackReportLink(
    @Arg("from", () => DateScalar) from: string,
    @Arg("to", () => DateScalar) to: string,
    @Arg("department", () => Department, { nullable: true }) department: Department | null,
    @Arg("regionCode", () => String, { nullable: true }) regionCode: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ReportLink> {
    const actor = ctx.requireAgency();
    // The report's own checks first (another department's report, a bad period or region), so a link never opens a refusal.
    ctx.services.feedbackReport.checkScope(actor, from, to, department, regionCode);
    const { token, expiresAt } = ctx.services.reportLinks.issue(actor, { from, to, department, regionCode });
    return { url: `/reports/feedback?link=${token}`, expiresAt };
  }
}

@Resolver(() => FeedbackReport)
export class FeedbackReportResolver {
  @FieldResolver(() => [SanctionTask], { description: "The report's overdue tasks, longest overdue first (at most first, 1–50); empty for an archived report." })
  mostOverdue(@Root() report: FeedbackReport, @Arg("first", () => Int, { defaultValue: 10 }) first: number, @Ctx() ctx: RequestContext): Promise<SanctionTask[]> {
    checkFirst(first, 50);
    return ctx.services.feedbackReport.mostOverdue(report, first);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseFeedbackResolver {
  @ArgMaxLength({ after: CURSOR_MAX_LENGTH })
  @FieldResolver(() => SanctionFeedbackConnection, { nullable: true, description: "Feedback on the enterprise's entries: own department's; OVERSIGHT all." })
  async sanctionFeedback(
    @Root() e: Enterprise,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) firstArg: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const first = checkFirst(firstArg ?? 50);
    const rows = await ctx.loaders.feedbackPages({ first, after }).load(e.id);
    return toConnection({
      nodes: rows.slice(0, first),
      hasNextPage: rows.length > first,
      totalCount: () => rows[0]?.total ?? 0,
      cursorOf: (f) => feedbackCursor.encode([f.cursorAt, f.id]),
    });
  }
}

@Resolver(() => BlacklistEntry)
export class EntryFeedbackResolver {
  @FieldResolver(() => [SanctionFeedback], { nullable: true })
  feedback(@Root() b: BlacklistEntry, @Ctx() ctx: RequestContext): Promise<SanctionFeedback[]> {
    return ctx.loaders.feedbackByEntry.load(b.id);
  }
}

@Resolver(() => SanctionTask)
export class TaskFeedbackResolver {
  @FieldResolver(() => [SanctionFeedback])
  feedback(@Root() t: SanctionTask, @Ctx() ctx: RequestContext): Promise<SanctionFeedback[]> {
    return ctx.loaders.feedbackByTask.load(t.id);
  }
}

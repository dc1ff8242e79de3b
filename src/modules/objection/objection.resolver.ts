import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Enterprise } from "../enterprise/enterprise.entity";
import { ArgMaxLength } from "../../shared/max-length";
import { CURSOR_MAX_LENGTH } from "../../shared/text-bounds";
import { toConnection } from "../../shared/pagination";
import { ObjectionStatus } from "./objection.enums";
import { ObjectionInput } from "./objection.inputs";
import { Objection, ObjectionConnection } from "./objection.type";

@Resolver(() => Objection)
export class ObjectionResolver {
  @FieldResolver(() => Enterprise)
  async enterprise(@Root() o: Objection, @Ctx() ctx: RequestContext): Promise<Enterprise> {
    return (await ctx.loaders.enterpriseById.load(o.enterpriseId))!;
  }

  @ArgMaxLength({ after: CURSOR_MAX_LENGTH })
  @Query(() => ObjectionConnection, {
    nullable: true,
    description: "Objections, newest first: those the caller's department must decide and those it filed; CREDIT_OFFICE all; a subject its own.",
  })
  async objections(
    @Arg("status", () => ObjectionStatus, { nullable: true }) status: ObjectionStatus | null,
    @Arg("overdue", () => Boolean, { nullable: true, description: "PENDING past dueOn (true) or not (false)." }) overdue: boolean | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await ctx.services.objection.list(ctx.actor, { status, overdue }, first ?? 50, after));
  }

  @ArgMaxLength({ grounds: 2000 })
  @Mutation(() => Objection, {
    description: "Disputes one record (异议申请): the enterprise itself about its own records, or any department on its behalf. The record's producer must decide by dueOn.",
  })
  fileObjection(@Arg("input") input: ObjectionInput, @Ctx() ctx: RequestContext): Promise<Objection> {
    return ctx.services.objection.file(ctx.requireIdentified(), input);
  }

  @ArgMaxLength({ decision: 2000 })
  @Mutation(() => Objection, {
    description: "Decides a PENDING objection: the department responsible for the record, or CREDIT_OFFICE. Upholding makes the record stop counting as a revocation does.",
  })
  decideObjection(
    @Arg("id", () => ID) id: string,
    @Arg("uphold") uphold: boolean,
    @Arg("decision", { description: "The reasoned decision, told to the filer." }) decision: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Objection> {
    return ctx.services.objection.decide(ctx.requireAgency(), id, uphold, decision);
  }

  @Mutation(() => Objection, { description: "Withdraws a PENDING objection: its filer only." })
  withdrawObjection(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Objection> {
    return ctx.services.objection.withdraw(ctx.requireIdentified(), id);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseObjectionsResolver {
  @FieldResolver(() => [Objection], { nullable: true, description: "Objections about this enterprise's records that the caller may read, newest first." })
  objections(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<Objection[]> {
    return ctx.loaders.objectionsByEnterprise.load(e.id);
  }
}

import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { connectionTypes, toConnection } from "../../shared/pagination";
import { CreditCodeScalar, DateTimeScalar } from "../../shared/scalars";
import { Agency } from "../agency/agency.entity";
import { AccessLogVerification, AccessRecord } from "./access-record.type";
import { SubjectAccessConnection } from "./subject-access.type";
import { Enterprise } from "../enterprise/enterprise.entity";
import { ArgMaxLength } from "../../shared/max-length";
import { CURSOR_MAX_LENGTH } from "../../shared/text-bounds";

export const { Edge: AccessRecordEdge, Connection: AccessRecordConnection } = connectionTypes("AccessRecord", AccessRecord);

@Resolver(() => AccessRecord)
export class AccessLogResolver {
  @ArgMaxLength({ after: CURSOR_MAX_LENGTH })
  @Query(() => AccessRecordConnection, { nullable: true, description: "Access records, newest first: the caller's own; CREDIT_OFFICE sees all." })
  async accessLog(
    @Arg("creditCode", () => CreditCodeScalar, { nullable: true }) creditCode: string | null,
    @Arg("agencyId", () => ID, { nullable: true }) agencyId: string | null,
    @Arg("from", () => DateTimeScalar, { nullable: true }) from: Date | null,
    @Arg("to", () => DateTimeScalar, { nullable: true }) to: Date | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await ctx.services.accessLog.list(ctx.requireAgency(), { creditCode, agencyId, from, to }, first ?? 50, after));
  }

  @Query(() => AccessLogVerification, { nullable: true, description: "Recomputes the hash chain; names the first broken record." })
  verifyAccessLog(@Ctx() ctx: RequestContext): Promise<AccessLogVerification> {
    return ctx.services.accessLog.verify();
  }

  @FieldResolver(() => Agency, { nullable: true })
  agency(@Root() r: AccessRecord, @Ctx() ctx: RequestContext): Promise<Agency | null> | null {
    return r.agencyId ? ctx.loaders.agencyById.load(r.agencyId) : null;
  }
}

@Resolver(() => Enterprise)
export class EnterpriseAccessHistoryResolver {
  @ArgMaxLength({ after: CURSOR_MAX_LENGTH })
  @FieldResolver(() => SubjectAccessConnection, {
    nullable: true,
    description: "Who read this enterprise's record: the subject itself and CREDIT_OFFICE only. Lists agencies' reads that disclosed protected fields, newest first.",
  })
  async accessHistory(
    @Root() e: Enterprise,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await ctx.services.accessLog.history(e.creditCode, first ?? 50, after));
  }
}

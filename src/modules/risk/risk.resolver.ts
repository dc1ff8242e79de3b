import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { connectionTypes, toConnection } from "../../shared/pagination";
import { Enterprise } from "../enterprise/enterprise.entity";
import { IndustrySector } from "../enterprise/enterprise.enums";
import { RiskAlert, RiskAssessment, RiskSignal } from "./risk.type";
import { RiskLevel } from "./risk.enums";
import { RiskSignalInput } from "./risk.inputs";
import { ArgMaxLength } from "../../shared/max-length";
import { CURSOR_MAX_LENGTH } from "../../shared/text-bounds";

export const { Edge: RiskAlertEdge, Connection: RiskAlertConnection } = connectionTypes("RiskAlert", RiskAlert);

@Resolver(() => RiskAlert)
export class RiskAlertResolver {
  @ArgMaxLength({ regionCode: 12, after: CURSOR_MAX_LENGTH })
  @Query(() => RiskAlertConnection, {
    nullable: true,
    description: "Enterprises at or above minLevel, highest score first (风险预警).",
  })
  async riskAlerts(
    @Arg("minLevel", () => RiskLevel, { nullable: true, defaultValue: RiskLevel.HIGH }) minLevel: RiskLevel | null,
    @Arg("regionCode", () => String, { nullable: true, description: "A city code matches every county in the city." }) regionCode: string | null,
    @Arg("sector", () => IndustrySector, { nullable: true }) sector: IndustrySector | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    return toConnection(await ctx.services.risk.alerts(minLevel ?? RiskLevel.HIGH, regionCode, sector, first ?? 50, after));
  }

  @FieldResolver(() => Enterprise)
  async enterprise(@Root() a: RiskAlert, @Ctx() ctx: RequestContext): Promise<Enterprise> {
    return (await ctx.loaders.enterpriseById.load(a.enterpriseId))!;
  }
}

@Resolver(() => RiskSignal)
export class RiskSignalResolver {
  @FieldResolver(() => Enterprise)
  async enterprise(@Root() s: RiskSignal, @Ctx() ctx: RequestContext): Promise<Enterprise> {
    return (await ctx.loaders.enterpriseById.load(s.enterpriseId))!;
  }

  @Mutation(() => RiskSignal, { description: "Records a risk signal from courts, tax, labour, environment or registration (CONFLICT if already recorded)." })
  recordRiskSignal(@Arg("input") input: RiskSignalInput, @Ctx() ctx: RequestContext): Promise<RiskSignal> {
    return ctx.services.riskSignal.record(ctx.requireAgency(), input);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseRiskResolver {
  @FieldResolver(() => RiskAssessment, { nullable: true })
  riskAssessment(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<RiskAssessment | null> {
    return ctx.loaders.riskByEnterprise.load(e.id);
  }
}

import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, Info, Int, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context";
import { connectionTypes, toConnection } from "../../shared/pagination";
import { CreditCodeScalar } from "../../shared/scalars";
import { Enterprise } from "./enterprise.entity";
import { EnterpriseFilter, EnterpriseInput } from "./enterprise.inputs";
import { AdministrativeMatter } from "./administrative-matter.enums";
import { ArgMaxLength } from "../../shared/max-length";
import { CURSOR_MAX_LENGTH } from "../../shared/text-bounds";

export const { Edge: EnterpriseEdge, Connection: EnterpriseConnection } = connectionTypes("Enterprise", Enterprise);

@Resolver(() => Enterprise)
export class EnterpriseResolver {
  @Query(() => Enterprise, {
    nullable: true,
    description: "The unified credit profile of one enterprise; null when the code is valid but unknown.",
  })
  enterprise(
    @Arg("creditCode", () => CreditCodeScalar) creditCode: string,
    @Arg("purpose", () => AdministrativeMatter, {
      nullable: true,
      description: "The administrative matter the profile is read for; kept in the access log.",
    })
    purpose: AdministrativeMatter | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Enterprise | null> {
    if (purpose) ctx.audit.purpose = purpose;
    return ctx.loaders.enterpriseProfile(creditCode, info);
  }

  @ArgMaxLength({ after: CURSOR_MAX_LENGTH })
  @Query(() => EnterpriseConnection)
  async enterprises(
    @Arg("filter", () => EnterpriseFilter, { nullable: true }) filter: EnterpriseFilter | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const page = await ctx.services.enterprise.list(filter ?? undefined, first ?? 20, after);
    for (const e of page.nodes) ctx.audit.enterprise(e.creditCode);
    return toConnection(page);
  }

  @Mutation(() => Enterprise, { description: "Creates or updates the enterprise with the input's credit code." })
  upsertEnterprise(@Arg("input") input: EnterpriseInput, @Ctx() ctx: RequestContext): Promise<Enterprise> {
    return ctx.services.enterprise.upsert(ctx.requireAgency(), input);
  }
}

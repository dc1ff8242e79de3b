import type { GraphQLResolveInfo } from "graphql";
import { Ctx, Info, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context";
import { Enterprise } from "../enterprise/enterprise.entity";

@Resolver(() => Enterprise)
export class SubjectResolver {
  @Query(() => Enterprise, { nullable: true, description: "The calling enterprise's own record (SUBJECT callers); null for anyone else." })
  myEnterprise(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<Enterprise | null> | null {
    return ctx.actor.kind === "subject" ? ctx.loaders.enterpriseProfile(ctx.actor.creditCode, info) : null;
  }
}

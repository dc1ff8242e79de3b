import type { GraphQLResolveInfo } from "graphql";
import { Ctx, Info, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context";
import { Access, CatalogueItem } from "./catalogue.type";

@Resolver(() => CatalogueItem)
export class CatalogueResolver {
  @Query(() => [CatalogueItem], { description: "The credit information catalogue (信用信息目录): every readable field with its class, producers and audiences, as the shields enforce them." })
  catalogue(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): CatalogueItem[] {
    return ctx.services.catalogue.items(info.schema);
  }

  @Query(() => Access, { description: "What the caller may read and write." })
  myAccess(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Access {
    return ctx.services.catalogue.access(ctx.actor, info.schema);
  }
}

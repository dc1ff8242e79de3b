import { Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context";
import { Agency } from "./agency.entity";

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => Agency, { nullable: true, description: "The calling agency; null for an anonymous (public) caller." })
  me(@Ctx() ctx: RequestContext): Promise<Agency | null> | null {
    return ctx.actor.kind === "agency" ? ctx.loaders.agencyById.load(ctx.actor.agencyId) : null;
  }
}

import { Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context";
import { RuleSetting } from "./rule-setting.type";

@Resolver(() => RuleSetting)
export class RulesResolver {
  @Query(() => [RuleSetting], { nullable: true, description: "Every period and threshold of the credit rules as this hub applies them (departments)." })
  rules(@Ctx() ctx: RequestContext): RuleSetting[] {
    ctx.requireAgency();
    return ctx.services.rules.list();
  }
}

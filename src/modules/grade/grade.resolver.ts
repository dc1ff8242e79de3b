import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Enterprise } from "../enterprise/enterprise.entity";
import { CreditGrade, toCreditGrade } from "./grade.type";

@Resolver(() => Enterprise)
export class EnterpriseGradeResolver {
  @FieldResolver(() => CreditGrade, { nullable: true, description: "The current credit grade (stored; recomputed by every write that changes it)." })
  async creditGrade(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<CreditGrade | null> {
    const row = await ctx.loaders.gradeByEnterprise.load(e.id);
    return row && toCreditGrade(row);
  }

  @FieldResolver(() => [CreditGrade], { nullable: true, description: "Every change of grade, oldest first." })
  async creditGradeHistory(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<CreditGrade[]> {
    return (await ctx.loaders.gradeHistoryByEnterprise.load(e.id)).map(toCreditGrade);
  }
}

import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { badInput } from "../../shared/errors";
import { Enterprise } from "../enterprise/enterprise.entity";
import { Accident } from "./accident.type";
import { AccidentInput } from "./accident.inputs";

@Resolver(() => Accident)
export class AccidentResolver {
  @Mutation(() => Accident, { description: "Records a production safety accident (EMERGENCY_MANAGEMENT)." })
  recordAccident(@Arg("input") input: AccidentInput, @Ctx() ctx: RequestContext): Promise<Accident> {
    return ctx.services.accident.recordAccident(ctx.requireAgency(), input);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseAccidentsResolver {
  @FieldResolver(() => [Accident], { nullable: true, description: "Accidents of the last sinceYears years, newest first." })
  accidents(
    @Root() e: Enterprise,
    @Arg("sinceYears", () => Int, { nullable: true, defaultValue: 5 }) sinceYears: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Accident[]> {
    const years = sinceYears ?? 5;
    if (years < 0 || years > 50) throw badInput("sinceYears", "sinceYears must be between 0 and 50.");
    return ctx.loaders.accidentsSince({ sinceYears: years }).load(e.id);
  }
}

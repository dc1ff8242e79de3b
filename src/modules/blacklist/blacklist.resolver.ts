import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { DateScalar } from "../../shared/scalars";
import { Enterprise } from "../enterprise/enterprise.entity";
import { Person } from "../person/person.entity";
import { SanctionMeasure, measuresFor } from "../sanction/sanction-catalogue";
import { SanctionTask } from "../sanction/sanction-task.type";
import { BlacklistEntry } from "./blacklist-entry.type";
import { BlacklistInput } from "./blacklist.inputs";
import { ArgMaxLength } from "../../shared/max-length";

@Resolver(() => Person)
export class PersonListsResolver {
  @FieldResolver(() => Boolean, { description: "True while the person has an ACTIVE PERSON blacklist entry." })
  async onBlacklist(@Root() p: Person, @Ctx() ctx: RequestContext): Promise<boolean> {
    return (await ctx.loaders.personListState.load(p.id))!.blacklisted;
  }

  @FieldResolver(() => [BlacklistEntry], { description: "The person's blacklist entries, any status." })
  blacklist(@Root() p: Person, @Ctx() ctx: RequestContext): Promise<BlacklistEntry[]> {
    return ctx.loaders.blacklistByPerson.load(p.id);
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: "The latest validUntil of the person's ACTIVE entries (市场禁入)." })
  async marketBanUntil(@Root() p: Person, @Ctx() ctx: RequestContext): Promise<string | null> {
    return (await ctx.loaders.personListState.load(p.id))!.marketBanUntil;
  }
}

@Resolver(() => BlacklistEntry)
export class BlacklistEntryResolver {
  @FieldResolver(() => Enterprise)
  async enterprise(@Root() b: BlacklistEntry, @Ctx() ctx: RequestContext): Promise<Enterprise> {
    return (await ctx.loaders.enterpriseById.load(b.enterpriseId))!;
  }

  @FieldResolver(() => Person, { nullable: true })
  person(@Root() b: BlacklistEntry, @Ctx() ctx: RequestContext): Promise<Person | null> | null {
    return b.personId ? ctx.loaders.personById.load(b.personId) : null;
  }

  @FieldResolver(() => [SanctionMeasure], { description: "The measures of the catalogue in force that apply to this kind of entry." })
  async measures(@Root() b: BlacklistEntry, @Ctx() ctx: RequestContext): Promise<SanctionMeasure[]> {
    return measuresFor((await ctx.services.measureCatalogue.inForce()).measures, b.subjectType as "ENTERPRISE" | "PERSON");
  }

  @FieldResolver(() => [SanctionTask], { nullable: true, description: "Tasks distributed for this entry: the caller's department's; OVERSIGHT sees all." })
  tasks(@Root() b: BlacklistEntry, @Ctx() ctx: RequestContext): Promise<SanctionTask[]> {
    return ctx.loaders.tasksByEntry.load(b.id);
  }

  @Mutation(() => [BlacklistEntry], { description: "Lists the enterprise and the current holders of includeRoles (黑名单)." })
  addToBlacklist(@Arg("input") input: BlacklistInput, @Ctx() ctx: RequestContext): Promise<BlacklistEntry[]> {
    return ctx.services.blacklist.addToBlacklist(ctx.requireAgency(), input);
  }

  @ArgMaxLength({ reason: 2000 })
  @Mutation(() => BlacklistEntry, { description: "Ends an ACTIVE listing early, with its PERSON entries." })
  removeFromBlacklist(@Arg("id", () => ID) id: string, @Arg("reason") reason: string, @Ctx() ctx: RequestContext): Promise<BlacklistEntry> {
    return ctx.services.blacklist.removeFromBlacklist(ctx.requireAgency(), id, reason);
  }
}

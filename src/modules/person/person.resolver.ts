import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { maskIdNumber } from "../../shared/identifiers";
import { Person } from "./person.entity";
import { ResponsiblePersonInput } from "./person.inputs";
import { checkIdNumber } from "./person.rules";
import { Enterprise } from "../enterprise/enterprise.entity";
import { ResponsiblePerson } from "./responsible-person.entity";
import { ResponsibleRole } from "./person.enums";
import { holdersArgs } from "./person.loaders";
import { ArgMaxLength } from "../../shared/max-length";

@Resolver(() => Person)
export class PersonResolver {
  @ArgMaxLength({ idNumber: 32 })
  @Query(() => Person, {
    nullable: true,
    description: "A responsible person looked up by resident ID number (departments entitled to ID numbers only).",
  })
  person(@Arg("idNumber") idNumber: string, @Ctx() ctx: RequestContext): Promise<Person | null> {
    return ctx.loaders.personByIdNumber.load(checkIdNumber(idNumber, "idNumber"));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "ID number with the middle digits masked, e.g. 320102********1234.",
  })
  idNumberMasked(@Root() person: Person): string {
    return maskIdNumber(person.idNumber);
  }

  @FieldResolver(() => [ResponsiblePerson], { nullable: true })
  roles(
    @Root() person: Person,
    @Arg("current", () => Boolean, { nullable: true, defaultValue: true }) current: boolean | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ResponsiblePerson[]> {
    return ctx.loaders.rolesByPerson({ current: current ?? true }).load(person.id);
  }
}

@Resolver(() => ResponsiblePerson)
export class ResponsiblePersonResolver {
  @FieldResolver(() => Person)
  async person(@Root() holder: ResponsiblePerson & { person?: Person }, @Ctx() ctx: RequestContext): Promise<Person> {
    return holder.person ?? (await ctx.loaders.personById.load(holder.personId))!;
  }

  @FieldResolver(() => Enterprise)
  async enterprise(@Root() holder: ResponsiblePerson, @Ctx() ctx: RequestContext): Promise<Enterprise> {
    return (await ctx.loaders.enterpriseById.load(holder.enterpriseId))!;
  }

  @Mutation(() => ResponsiblePerson, {
    description: "Gives a role to a person; a new holder of a single-holder role ends the previous holder's term.",
  })
  setResponsiblePerson(
    @Arg("input") input: ResponsiblePersonInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ResponsiblePerson> {
    return ctx.services.person.setResponsiblePerson(ctx.requireAgency(), input);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseHoldersResolver {
  @FieldResolver(() => [ResponsiblePerson], {
    description:
      "Holders of the roles: current ones only by default; with current: false every holder, current and former.",
  })
  responsiblePersons(
    @Root() enterprise: Enterprise,
    @Arg("roles", () => [ResponsibleRole], { nullable: true }) roles: ResponsibleRole[] | null,
    @Arg("current", () => Boolean, { nullable: true, defaultValue: true }) current: boolean | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ResponsiblePerson[]> {
    return ctx.loaders.holdersByEnterprise(holdersArgs(roles, current)).load(enterprise.id);
  }
}

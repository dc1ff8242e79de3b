import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { RequestContext } from "../context";
import { Enterprise } from "../enterprise/enterprise.entity";
import { ArgMaxLength } from "../../shared/max-length";
import { AdministrativeLicence, LicenceInput } from "./licence.type";

@Resolver(() => AdministrativeLicence)
export class LicenceResolver {
  @Mutation(() => AdministrativeLicence, { description: "Records a licence the caller's department issued to an enterprise of its region (双公示)." })
  recordLicence(@Arg("input") input: LicenceInput, @Ctx() ctx: RequestContext): Promise<AdministrativeLicence> {
    return ctx.services.licence.record(ctx.requireAgency(), input);
  }

  @ArgMaxLength({ reason: 2000 })
  @Mutation(() => AdministrativeLicence, { description: "Revokes a licence; only its issuing department." })
  revokeLicence(@Arg("id", () => ID) id: string, @Arg("reason") reason: string, @Ctx() ctx: RequestContext): Promise<AdministrativeLicence> {
    return ctx.services.licence.revoke(ctx.requireAgency(), id, reason);
  }
}

@Resolver(() => Enterprise)
export class EnterpriseLicencesResolver {
  @FieldResolver(() => [AdministrativeLicence], { description: "Licences and qualifications, newest first: the public sees those within their public years." })
  licences(@Root() e: Enterprise, @Ctx() ctx: RequestContext): Promise<AdministrativeLicence[]> {
    return ctx.loaders.licencesByEnterprise.load(e.id);
  }
}

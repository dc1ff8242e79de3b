import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../context";
import { AdministrativeMatter } from "../enterprise/administrative-matter.enums";
import { ArgMaxLength } from "../../shared/max-length";
import { CreditCodeScalar } from "../../shared/scalars";
import { CreditReportIssue, CreditReportVerification } from "./credit-report.type";

@Resolver()
export class CreditReportResolver {
  @Mutation(() => CreditReportIssue, {
    description:
      "Issues a credit report (专项信用报告) of the enterprise as a PDF: what the caller's audience may read of it now (basic data, responsible " +
      "persons with masked ID numbers, penalties with severity and marks, lists and measures, grade, licences, objections), with the report " +
      "number, the verification code, its QR code, the issue time and the hub's signature. The subject for its own enterprise only, or any " +
      "department; FORBIDDEN otherwise, NOT_FOUND for an unknown code. Stored: the url serves the same bytes to the issuer. Access-logged with the purpose.",
  })
  issueCreditReport(
    @Arg("creditCode", () => CreditCodeScalar) creditCode: string,
    @Arg("purpose", () => AdministrativeMatter, { description: "The administrative matter the report is issued for; printed on it and kept in the access log." }) purpose: AdministrativeMatter,
    @Ctx() ctx: RequestContext,
  ): Promise<CreditReportIssue> {
    return ctx.services.creditReports.issue(ctx, creditCode, purpose);
  }

  @ArgMaxLength({ number: 64, verificationCode: 64 })
  @Query(() => CreditReportVerification, {
    description: "Open to everyone: whether a report with this number and verification code was issued by the hub (genuine), and then what it was. Any wrong number or code: genuine false and nothing else.",
  })
  verifyCreditReport(@Arg("number") number: string, @Arg("verificationCode") verificationCode: string, @Ctx() ctx: RequestContext): Promise<CreditReportVerification> {
    return ctx.services.creditReports.verify(number, verificationCode);
  }
}

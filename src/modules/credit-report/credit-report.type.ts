import { Field, ObjectType } from "type-graphql";
import { CreditCodeScalar, DateTimeScalar } from "../../shared/scalars";

@ObjectType({ description: "A credit report (专项信用报告) just issued: keep the number and the verification code; whoever holds both can check the report." })
export class CreditReportIssue {
  @Field({ description: "The report number, e.g. JSXY-2026-000123: unique, printed on the report." })
  number!: string;

  @Field({ description: "Printed on the report and encoded in its QR code; with the number it proves the report genuine (verifyCreditReport, /verify)." })
  verificationCode!: string;

  @Field(() => DateTimeScalar)
  issuedAt!: Date;

  @Field({ description: "SHA-256 of the PDF, hex." })
  sha256!: string;

  @Field({ description: "Where the PDF is served, relative to the hub (GET, the caller's key)." })
  url!: string;
}

@ObjectType({ description: "What anyone learns by checking a report's number and code: that it is genuine, and what it said." })
export class CreditReportVerification {
  @Field({ description: "True when the number and the code belong to one issued report; false for any wrong number or code, and then every other field but number is null." })
  genuine!: boolean;

  @Field({ description: "The number that was checked, as sent." })
  number!: string;

  @Field(() => CreditCodeScalar, { nullable: true })
  creditCode!: string | null;

  @Field(() => String, { nullable: true })
  enterpriseName!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  issuedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "SHA-256 of the PDF as issued, hex: a copy whose hash differs is not the report." })
  sha256!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The hub's Ed25519 signature (base64) of the statement `JSXY-CREDIT-REPORT/1\\n<number>\\n<creditCode>\\n<issuedAt as this answer writes it>\\n<sha256>\\n` " +
      "(UTF-8); check it with the public key at /.well-known/credit-report-signing-key.",
  })
  signature!: string | null;
}

/** The row as stored, without the PDF's bytes. */
export interface StoredCreditReport {
  number: string;
  codeHash: string;
  enterpriseId: string;
  creditCode: string;
  enterpriseName: string;
  issuerKind: "agency" | "subject";
  agencyId: string | null;
  issuedAt: Date;
  sha256: string;
  signature: string;
}

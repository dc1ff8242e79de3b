import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { Department } from "../../auth/department.enums";
import { CreditCodeScalar, DateScalar } from "../../shared/scalars";

export enum LicenceStatus {
  VALID = "VALID",
  EXPIRED = "EXPIRED",
  SUSPENDED = "SUSPENDED",
  REVOKED = "REVOKED",
}
registerEnumType(LicenceStatus, { name: "LicenceStatus" });

@ObjectType({ description: "双公示, the other half: administrative licences and qualifications (行政许可, 资质资格)." })
export class AdministrativeLicence {
  @Field(() => ID)
  id!: string;

  enterpriseId!: string;

  @Field()
  licenceNumber!: string;

  @Field()
  title!: string;

  @Field(() => Department)
  issuedBy!: Department;

  @Field(() => DateScalar)
  issuedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  validUntil!: string | null;

  @Field(() => LicenceStatus, { description: "REVOKED once revoked; EXPIRED after validUntil; else VALID." })
  status!: LicenceStatus;

  @Field({ description: "Published for HUB_LICENCE_PUBLIC_YEARS (3) after issuedOn; the public sees only these." })
  isPublic!: boolean;
}

@InputType()
export class LicenceInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Field({ description: "The licence's number, unique for the issuing department (at most 100 characters)." })
  licenceNumber!: string;

  @Field({ description: "What it permits, e.g. 危险化学品经营许可证 (at most 200 characters)." })
  title!: string;

  @Field(() => DateScalar)
  issuedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  validUntil?: string | null;
}

/** Status derived from the dates; `today` is an SQL parameter reference. */
export const licenceColumns = (today: string) => `l.id, l.enterprise_id AS "enterpriseId", l.licence_number AS "licenceNumber", l.title,
  l.issued_by AS "issuedBy", l.issued_on::text AS "issuedOn", l.valid_until::text AS "validUntil",
  CASE WHEN l.revoked_at IS NOT NULL THEN 'REVOKED' WHEN l.valid_until < ${today}::date THEN 'EXPIRED' ELSE 'VALID' END AS status,
  ${licencePublic("l", today)} AS "isPublic"`;

/** A licence is public until its public_until (its issue date + HUB_LICENCE_PUBLIC_YEARS when recorded). */
export const licencePublic = (alias: string, today: string) => `(${alias}.public_until >= ${today}::date)`;

import { Field, ID, Int, ObjectType } from "type-graphql";
import { CreditCodeScalar, DateTimeScalar } from "../../shared/scalars";
import { AdministrativeMatter } from "../enterprise/administrative-matter.enums";

@ObjectType({ description: "One recorded read of credit data (信用信息查询记录), chained by hash so that no record can be altered or removed unseen." })
export class AccessRecord {
  @Field(() => ID, { description: "The record's primary key in the access log table." })
  id!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  agencyId!: string | null;
  /** Ids of the persons read (never their ID numbers). */
  persons!: string[];

  @Field(() => String, { nullable: true })
  operationName!: string | null;

  @Field(() => AdministrativeMatter, { nullable: true })
  purpose!: AdministrativeMatter | null;

  @Field(() => [CreditCodeScalar])
  subjects!: string[];

  @Field(() => [String], { description: "Shielded fields that were returned, e.g. Person.idNumber." })
  sensitiveFields!: string[];

  @Field(() => [String], { description: "Fields the caller asked for and was denied." })
  deniedFields!: string[];

  @Field()
  hash!: string;

  @Field()
  previousHash!: string;

  /** 1: sha256 chain (records written before keys), 2: keyed (HMAC) chain. */
  chainVersion!: number;
}

@ObjectType()
export class AccessLogVerification {
  @Field()
  ok!: boolean;

  @Field(() => Int)
  checked!: number;

  @Field(() => ID, { nullable: true, description: "The first record that breaks the chain, or that a failed checkpoint or the head names." })
  firstBrokenId!: string | null;

  @Field(() => Int, { description: "Signed checkpoints found with a valid signature." })
  checkpoints!: number;

  @Field(() => [String], { description: "Every break found, each naming its record, checkpoint or the chain head." })
  problems!: string[];
}

export const ACCESS_COLUMNS = `a.id::text AS id, a.at, a.agency_id AS "agencyId", a.operation_name AS "operationName", a.purpose,
  a.subjects, a.persons, a.sensitive_fields AS "sensitiveFields", a.denied_fields AS "deniedFields",
  a.previous_hash AS "previousHash", a.hash, a.chain_version AS "chainVersion"`;

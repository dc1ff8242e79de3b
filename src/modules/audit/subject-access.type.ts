import { Field, ObjectType } from "type-graphql";
import { Department } from "../../auth/department.enums";
import { AdministrativeMatter } from "../enterprise/administrative-matter.enums";
import { DateTimeScalar } from "../../shared/scalars";
import { connectionTypes } from "../../shared/pagination";

@ObjectType({ description: "One read of the subject's own record, as the subject sees it: who (department and region, never a key), when, why, what." })
export class SubjectAccess {
  /** The access record's id (not a field): the cursor. */
  recordId!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => Department, { nullable: true })
  department!: Department | null;

  @Field(() => String, { nullable: true })
  regionCode!: string | null;

  @Field(() => AdministrativeMatter, { nullable: true })
  purpose!: AdministrativeMatter | null;

  @Field(() => [String], { description: "Shielded fields that were disclosed (Type.field)." })
  fields!: string[];
}

export const { Edge: SubjectAccessEdge, Connection: SubjectAccessConnection } = connectionTypes("SubjectAccess", SubjectAccess);

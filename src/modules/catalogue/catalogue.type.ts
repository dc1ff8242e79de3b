import { Field, ObjectType } from "type-graphql";
import { Department } from "../../auth/department.enums";

@ObjectType({ description: "One item of the credit information catalogue (信用信息目录): generated from the permission matrix, so it cannot drift from what the shields enforce." })
export class CatalogueItem {
  @Field({ description: "Type.field, e.g. Enterprise.penalties." })
  item!: string;

  @Field({ description: "The field's description in the schema, or its name." })
  title!: string;

  @Field({ description: "Class of the information: BASIC, FAILING_CREDIT, GOOD_CREDIT, SUPERVISION, PERSONAL, or SERVICE (the API's own records)." })
  category!: string;

  @Field(() => [Department], { description: "The departments that may write this information (from the write matrix)." })
  producers!: Department[];

  @Field(() => [String], { description: "Who may read it: PUBLIC and/or department names, SUBJECT for the enterprise itself." })
  audiences!: string[];

  @Field({ description: "PUBLIC (published, row rules apply), SHARED (every department) or RESTRICTED (some departments or the subject)." })
  disclosure!: string;

  @Field({ description: "True when some audiences read it masked (resident ID numbers)." })
  masked!: boolean;
}

@ObjectType({ description: "What the caller may read and write, for frontends that grey out what they cannot show." })
export class Access {
  @Field({ description: "The caller's audience: PUBLIC, SUBJECT or its department." })
  audience!: string;

  @Field(() => [String], { description: "Type.field items it may read (row rules still apply)." })
  readable!: string[];

  @Field(() => [String], { description: "Mutations it may call." })
  writable!: string[];
}

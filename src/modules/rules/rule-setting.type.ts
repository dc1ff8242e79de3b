import { Field, ObjectType } from "type-graphql";

@ObjectType({ description: "A rule setting in force (period or threshold), as configured." })
export class RuleSetting {
  @Field({ description: "The configuration variable that sets it." })
  name!: string;

  @Field({ description: "Its value in force, as text." })
  value!: string;

  @Field()
  description!: string;
}

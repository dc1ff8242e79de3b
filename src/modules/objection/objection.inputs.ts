import { Field, ID, InputType } from "type-graphql";
import { CreditCodeScalar } from "../../shared/scalars";
import { ObjectionTarget } from "./objection.enums";

@InputType()
export class ObjectionInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Field(() => ObjectionTarget)
  target!: ObjectionTarget;

  @Field(() => ID, { description: "The disputed record of this enterprise and of this kind; for CREDIT_GRADE, the enterprise's credit code." })
  targetId!: string;

  @Field({ description: "Why the record is wrong (at most 2,000 characters)." })
  grounds!: string;
}

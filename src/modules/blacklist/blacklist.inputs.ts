import { Field, InputType } from "type-graphql";
import { CreditCodeScalar, DateScalar } from "../../shared/scalars";
import { ResponsibleRole } from "../person/person.enums";
import { BlacklistGround } from "./blacklist.enums";
import { MaxLength } from "../../shared/max-length";

@InputType()
export class BlacklistInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @MaxLength(100)
  @Field()
  decisionNumber!: string;

  @Field(() => BlacklistGround)
  ground!: BlacklistGround;

  @MaxLength(2000)
  @Field()
  reason!: string;

  @Field(() => DateScalar)
  listedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: "Defaults to listedOn + 3 years." })
  validUntil?: string | null;

  @Field(() => [ResponsibleRole], {
    nullable: true,
    defaultValue: [ResponsibleRole.LEGAL_REPRESENTATIVE, ResponsibleRole.PRINCIPAL, ResponsibleRole.SAFETY_HEAD, ResponsibleRole.DIRECTLY_RESPONSIBLE],
    description: "Responsible roles whose current holders are listed with the enterprise.",
  })
  includeRoles?: ResponsibleRole[] | null;
}

import { Field, InputType } from "type-graphql";
import { CreditCodeScalar, DateScalar } from "../../shared/scalars";
import { ResponsibleRole } from "./responsible-role.enum";
import { MaxLength } from "../../shared/max-length";

@InputType()
export class ResponsiblePersonInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Field(() => ResponsibleRole)
  role!: ResponsibleRole;

  @MaxLength(100)
  @Field()
  name!: string;

  @MaxLength(32)
  @Field({ description: "Resident ID number, GB 11643 check digit verified." })
  idNumber!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Start of the term (default today); the previous holder's term ends on this date.",
  })
  since?: string | null;
}

import { Field, ID, InputType } from "type-graphql";
import { CreditCodeScalar, DateScalar } from "../../shared/scalars";
import { ResponsibleRole } from "./person.enums";
import { MaxLength } from "../../shared/max-length";

@InputType()
export class ResponsiblePersonInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Field(() => ResponsibleRole)
  role!: ResponsibleRole;

  @Field(() => ID, {
    nullable: true,
    description: "A person the hub knows (Person.id); then name and idNumber are left out.",
  })
  personId?: string | null;

  @MaxLength(100)
  @Field(() => String, { nullable: true, description: "Required with idNumber (a person named by ID number)." })
  name?: string | null;

  @MaxLength(32)
  @Field(() => String, {
    nullable: true,
    description:
      "Resident ID number, GB 11643 check digit verified; only departments entitled to full ID numbers may name a person by it.",
  })
  idNumber?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Start of the term (default today); the previous holder's term ends on this date.",
  })
  since?: string | null;
}

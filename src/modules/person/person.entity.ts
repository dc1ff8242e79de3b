import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";

@Entity("person")
@ObjectType()
export class Person {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("char", { name: "id_number", length: 18, unique: true })
  @Field(() => String, { nullable: true, description: "Full resident ID number; shielded per department." })
  idNumber!: string;

  @Column("text")
  @Field()
  name!: string;
}

export const PERSON_COLUMNS = `p.id, p.id_number AS "idNumber", p.name`;

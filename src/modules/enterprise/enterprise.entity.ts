import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { CreditCodeScalar } from "../../shared/scalars";
import { Affiliation, EnterpriseScale, EnterpriseStatus, IndustrySector } from "./enterprise.enums";

@Entity("enterprise")
@ObjectType({ description: "The unified credit profile of one enterprise (生产经营单位)." })
export class Enterprise {
  /** Internal key; the public identifier is the credit code. */
  @PrimaryGeneratedColumn("uuid")
  id!: string;

  @Column("char", { name: "credit_code", length: 18, unique: true })
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Column("text")
  @Field()
  name!: string;

  @Column("char", { name: "region_code", length: 6 })
  @Field({ description: "GB/T 2260 division code of the place of registration." })
  regionCode!: string;

  @Column("text")
  @Field(() => IndustrySector)
  sector!: IndustrySector;

  @Column("text", { nullable: true })
  @Field(() => EnterpriseScale, { nullable: true })
  scale!: EnterpriseScale | null;

  @Column("text", { nullable: true })
  @Field(() => Affiliation, { nullable: true })
  affiliation!: Affiliation | null;

  @Column("text", { name: "economic_type", nullable: true })
  @Field(() => String, { nullable: true })
  economicType!: string | null;

  @Column("text", { nullable: true })
  @Field(() => String, { nullable: true })
  address!: string | null;

  @Column("text")
  @Field(() => EnterpriseStatus)
  status!: EnterpriseStatus;
}

/** Columns selected as the entity's properties, for raw SQL reads that skip hydration. */
export const ENTERPRISE_COLUMNS = `e.id, e.credit_code AS "creditCode", e.name, e.region_code AS "regionCode",
  e.sector, e.scale, e.affiliation, e.economic_type AS "economicType", e.address, e.status`;

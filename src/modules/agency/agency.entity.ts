import type { Scope } from "../../auth/actor";
import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
import { Department } from "../../auth/department.enums";


@Entity("agency")
@ObjectType({ description: "An agency system registered with the hub; every call is made as one." })
export class Agency {
  @PrimaryGeneratedColumn("uuid")
  @Field(() => ID)
  id!: string;

  @Column("text")
  @Field()
  name!: string;

  @Column("text")
  @Field(() => Department)
  department!: Department;

  @Column("char", { name: "region_code", length: 6 })
  @Field({ description: "GB/T 2260 division code; 320000 for the province." })
  regionCode!: string;

  @Column("text", { array: true })
  scopes!: Scope[];

  /** sha256 of the API key; the key itself is never stored. */
  @Column("char", { name: "key_hash", length: 64, select: false, nullable: true })
  keyHash!: string | null;

  /** `issuer#subject` for agencies that call with JWTs of a configured identity provider. */
  @Column("text", { name: "external_id", nullable: true, unique: true })
  externalId!: string | null;

  @Column("timestamptz", { name: "created_at", default: () => "now()" })
  createdAt!: Date;

  @Column("timestamptz", { name: "revoked_at", nullable: true })
  revokedAt!: Date | null;
}

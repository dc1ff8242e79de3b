import { Field, InputType } from "type-graphql";
import { CreditCodeScalar } from "../../shared/scalars";
import { Affiliation, EnterpriseScale, EnterpriseStatus, IndustrySector } from "./enterprise.enums";

@InputType()
export class EnterpriseInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @Field()
  name!: string;

  @Field({ description: "GB/T 2260 division code in Jiangsu (32xxxx)." })
  regionCode!: string;

  @Field(() => IndustrySector)
  sector!: IndustrySector;

  @Field(() => EnterpriseScale, { nullable: true })
  scale?: EnterpriseScale | null;

  @Field(() => Affiliation, { nullable: true })
  affiliation?: Affiliation | null;

  @Field(() => String, { nullable: true })
  economicType?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => EnterpriseStatus, { nullable: true, defaultValue: EnterpriseStatus.OPERATING })
  status?: EnterpriseStatus;
}

@InputType()
export class EnterpriseFilter {
  @Field(() => String, { nullable: true, description: "Part of the name (at least 2 characters); served by a trigram index." })
  nameContains?: string | null;

  @Field(() => String, { nullable: true, description: "A city code (e.g. 320600) matches every county in the city." })
  regionCode?: string | null;

  @Field(() => IndustrySector, { nullable: true })
  sector?: IndustrySector | null;

  @Field(() => Boolean, { nullable: true, description: "Only enterprises with (true) or without (false) an ACTIVE blacklist entry." })
  onBlacklist?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Only enterprises with (true) or without (false) an ACTIVE watchlist entry. Government callers only." })
  onWatchlist?: boolean | null;
}

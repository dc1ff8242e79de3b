import { Field, InputType } from "type-graphql";
import { CreditCodeScalar } from "../../shared/scalars";
import { Affiliation, EnterpriseScale, EnterpriseStatus, IndustrySector } from "./enterprise.enums";
import { MaxLength } from "../../shared/max-length";
import { NAME_SEARCH_MAX_LENGTH } from "../../shared/text-bounds";

@InputType()
export class EnterpriseInput {
  @Field(() => CreditCodeScalar)
  creditCode!: string;

  @MaxLength(200)
  @Field()
  name!: string;

  @MaxLength(12)
  @Field({ description: "GB/T 2260 division code in Jiangsu (32xxxx)." })
  regionCode!: string;

  @Field(() => IndustrySector)
  sector!: IndustrySector;

  @Field(() => EnterpriseScale, { nullable: true })
  scale?: EnterpriseScale | null;

  @Field(() => Affiliation, { nullable: true })
  affiliation?: Affiliation | null;

  @MaxLength(100)
  @Field(() => String, { nullable: true })
  economicType?: string | null;

  @MaxLength(300)
  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => EnterpriseStatus, { nullable: true, defaultValue: EnterpriseStatus.OPERATING })
  status?: EnterpriseStatus;
}

@InputType()
export class EnterpriseFilter {
  @MaxLength(NAME_SEARCH_MAX_LENGTH)
  @Field(() => String, { nullable: true, description: "Part of the name (at least 2 characters); served by a trigram index." })
  nameContains?: string | null;

  @MaxLength(12)
  @Field(() => String, { nullable: true, description: "A city code (e.g. 320600) matches every county in the city." })
  regionCode?: string | null;

  @Field(() => IndustrySector, { nullable: true })
  sector?: IndustrySector | null;

  @Field(() => Boolean, { nullable: true, description: "Only enterprises with (true) or without (false) an ACTIVE blacklist entry." })
  onBlacklist?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Only enterprises with (true) or without (false) an ACTIVE watchlist entry. Government callers only." })
  onWatchlist?: boolean | null;
}

import { Field, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import { Department } from "../../auth/department.enums";
import { WatchlistBasis, WatchlistStatus } from "./watchlist.enums";
import { derivedStatus } from "../listing/listing.sql";
import { pendingObjection } from "../objection/objection.sql";
import { connectionTypes } from "../../shared/pagination";

@ObjectType({ description: "重点关注名单 entry." })
export class WatchlistEntry {
  @Field(() => ID)
  id!: string;

  enterpriseId!: string;
  escalatedToId!: string | null;

  @Field(() => WatchlistBasis)
  basis!: WatchlistBasis;

  @Field(() => Department, { nullable: true })
  listedBy!: Department | null;

  @Field()
  reason!: string;

  @Field(() => DateScalar)
  listedOn!: string;

  @Field(() => DateScalar)
  validUntil!: string;

  @Field(() => DateScalar, { nullable: true, description: "When the 安委办 warning (警示) was issued to the enterprise." })
  warningIssuedOn!: string | null;

  @Field(() => WatchlistStatus)
  status!: WatchlistStatus;

  @Field(() => Boolean, { nullable: true, description: "True while an objection about this record is PENDING (异议标注)." })
  underObjection!: boolean;
}

export const watchlistColumns = (today: string) => `w.id, w.enterprise_id AS "enterpriseId", w.escalated_to AS "escalatedToId",
  w.basis, w.listed_by AS "listedBy", w.reason, w.listed_on AS "listedOn", w.valid_until AS "validUntil",
  w.warning_issued_on AS "warningIssuedOn", ${derivedStatus("w", today)} AS status,
  ${pendingObjection("WATCHLIST_ENTRY", "w.id")} AS "underObjection"`;

export const { Edge: WatchlistEntryEdge, Connection: WatchlistEntryConnection } = connectionTypes("WatchlistEntry", WatchlistEntry);

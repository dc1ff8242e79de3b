import type { EntityManager } from "typeorm";
import { today } from "../../shared/clock";
import { notFound } from "../../shared/errors";
import { isUuid } from "../../shared/uuid";

/**
 * SQL for listings (blacklist and watchlist entries). An entry is in force while it is ACTIVE and
 * its validity has not ended; a stored ACTIVE past its validity reads as EXPIRED, with no job
 * needed. Every query that asks "is this listing in force" uses these, never its own copy.
 */

/** Status as read: a stored ACTIVE past its validity is EXPIRED, with no job needed. */
export const derivedStatus = (alias: string, today: string) =>
  `CASE WHEN ${alias}.state = 'ACTIVE' AND ${alias}.valid_until < ${today}::date THEN 'EXPIRED' ELSE ${alias}.state END`;

/**
 * True once an approved credit repair ended the entry: a blacklist entry is then REPAIRED; a
 * watchlist entry is REMOVED and marked repaired (it has no REPAIRED status in the contract).
 */
export const blacklistRepaired = (alias: string) => `${alias}.state = 'REPAIRED'`;
export const watchlistRepaired = (alias: string) => `${alias}.repaired_at IS NOT NULL`;

/** True while an entry is in force on `today`. */
export const inForce = (alias: string, today: string) => `(${alias}.state = 'ACTIVE' AND ${alias}.valid_until >= ${today}::date)`;

/** One list's table as `lockListingEntry` reads it. */
export interface ListingTable {
  table: "blacklist_entry" | "watchlist_entry";
  alias: "b" | "w";
  /** The entry's columns as read (they take today's date as a parameter, for the derived status). */
  columns: (today: string) => string;
  /** Its name in the error: "blacklist entry". */
  label: string;
}

/**
 * Locks an entry of either list for the rest of the transaction, with its enterprise's region (for
 * the writer's region check). An id that is no uuid or names no entry is NOT_FOUND on `field`.
 */
export async function lockListingEntry<E>(tx: EntityManager, list: ListingTable, id: string, field: string): Promise<E & { regionCode: string }> {
  const [entry] = isUuid(id)
    ? await tx.query(
        `SELECT ${list.columns("$2")}, e.region_code AS "regionCode"
         FROM ${list.table} ${list.alias} JOIN enterprise e ON e.id = ${list.alias}.enterprise_id WHERE ${list.alias}.id = $1 FOR UPDATE OF ${list.alias}`,
        [id, today()],
      )
    : [];
  if (!entry) throw notFound(`No ${list.label} with id ${id}.`, field);
  return entry;
}

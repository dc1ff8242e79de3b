import type { DataSource } from "typeorm";
import type { Actor } from "../../auth/actor";
import { type ProfileParts, type SqlParams, groupQueryLoader, rowQueryLoader } from "../../db/loader";
import { today } from "../../shared/clock";
import { PENALTY_COLUMNS, type Penalty, revivePenalty } from "../penalty/penalty.entity";
import { BlacklistEntry, blacklistColumns } from "../blacklist/blacklist-entry.type";
import { blacklistRepaired, inForce, watchlistRepaired } from "./listing.sql";
import { visibleRecords } from "../../auth/row-policy";
import { visiblePenalty } from "../penalty/penalty.loaders";
import { WatchlistEntry, watchlistColumns } from "../watchlist/watchlist-entry.type";

export interface EnterpriseListState {
  enterpriseId: string;
  /** An ENTERPRISE blacklist entry is in force. */
  blacklisted: boolean;
  /** A current legal representative or principal has a PERSON entry in force (at any enterprise). */
  holderBlacklisted: boolean;
  watched: boolean;
}

export interface PersonListState {
  personId: string;
  blacklisted: boolean;
  marketBanUntil: string | null;
}

/**
 * The blacklist entries (alias b) the caller reads: the public (and a subject, about others) those
 * in force; a repaired entry only its producer, CREDIT_OFFICE and the subject (visibleRecords).
 */
export const visibleBlacklistEntry = (actor: Actor, params: SqlParams, day: string) =>
  visibleRecords(actor, params, { enterprise: "b.enterprise_id", producer: "b.recognized_by", repaired: blacklistRepaired("b"), public: inForce("b", day) });

/** Watchlist entries (alias w) are never public; one ended by an approved repair is read like a repaired blacklist entry. */
export const visibleWatchlistEntry = (actor: Actor, params: SqlParams) =>
  visibleRecords(actor, params, {
    enterprise: "w.enterprise_id", producer: "coalesce(w.listed_by, 'CREDIT_OFFICE')", repaired: watchlistRepaired("w"), public: "false",
  });

/**
 * Every list read of a request: one statement per kind, for all the enterprises or persons asked.
 * The public sees an enterprise's or a person's blacklist entries only while they are in force:
 * a repaired, removed or expired entry leaves the public view the day its status changes.
 */
export function createListingLoaders(db: DataSource, actor: Actor) {
  const now = today();
  const ORDER = `ORDER BY b.listed_on DESC, b.subject_type, b.id`;
  const visible = (params: SqlParams, day: string) => `AND ${visibleBlacklistEntry(actor, params, day)}`;
  const visibleWatch = (params: SqlParams) => `AND ${visibleWatchlistEntry(actor, params)}`;
  return {
    listState: rowQueryLoader<string, EnterpriseListState>(db, {
      sql: (ids, params) => {
        const today = params.add(now);
        return `SELECT e.id AS "enterpriseId",
             EXISTS (SELECT 1 FROM blacklist_entry b WHERE b.enterprise_id = e.id AND b.subject_type = 'ENTERPRISE'
                     AND ${inForce("b", today)}) AS blacklisted,
             EXISTS (SELECT 1 FROM responsible_person rp JOIN blacklist_entry b ON b.person_id = rp.person_id
                     WHERE rp.enterprise_id = e.id AND rp.until IS NULL AND rp.role IN ('LEGAL_REPRESENTATIVE', 'PRINCIPAL')
                     AND ${inForce("b", today)}) AS "holderBlacklisted",
             EXISTS (SELECT 1 FROM watchlist_entry w WHERE w.enterprise_id = e.id AND ${inForce("w", today)}) AS watched
           FROM unnest(${ids}::uuid[]) AS e(id)`;
      },
      fromRows: (rows) => rows as unknown as EnterpriseListState[],
      keyOf: (s) => s.enterpriseId,
    }),
    personListState: rowQueryLoader<string, PersonListState>(db, {
      sql: (ids, params) => `SELECT p.id AS "personId", max(b.valid_until) IS NOT NULL AS blacklisted, max(b.valid_until) AS "marketBanUntil"
           FROM unnest(${ids}::uuid[]) AS p(id)
           LEFT JOIN blacklist_entry b ON b.person_id = p.id AND ${inForce("b", params.add(now))}
           GROUP BY p.id`,
      fromRows: (rows) => rows as unknown as PersonListState[],
      keyOf: (s) => s.personId,
    }),
    blacklistByEnterprise: groupQueryLoader<string, BlacklistEntry>(db, {
      sql: (ids, params) => {
        const day = params.add(now);
        return `SELECT ${blacklistColumns(day)} FROM blacklist_entry b WHERE b.enterprise_id = ANY(${ids}) ${visible(params, day)} ${ORDER}`;
      },
      fromRows: (rows) => rows as unknown as BlacklistEntry[],
      keyOf: (b) => b.enterpriseId,
    }),
    blacklistByPerson: groupQueryLoader<string, BlacklistEntry>(db, {
      sql: (ids, params) => {
        const day = params.add(now);
        return `SELECT ${blacklistColumns(day)} FROM blacklist_entry b WHERE b.person_id = ANY(${ids}) ${visible(params, day)} ${ORDER}`;
      },
      fromRows: (rows) => rows as unknown as BlacklistEntry[],
      keyOf: (b) => b.personId!,
    }),
    blacklistById: rowQueryLoader<string, BlacklistEntry>(db, {
      // Reached only from records the caller already reads (its own tasks and feedback, which name
      // their entry whatever became of it; a review's reasons; a repair request), so not filtered again.
      sql: (ids, params) => `SELECT ${blacklistColumns(params.add(now))} FROM blacklist_entry b WHERE b.id = ANY(${ids})`,
      fromRows: (rows) => rows as unknown as BlacklistEntry[],
      keyOf: (b) => b.id,
    }),
    watchlistByEnterprise: groupQueryLoader<string, WatchlistEntry>(db, {
      sql: (ids, params) =>
        `SELECT ${watchlistColumns(params.add(now))} FROM watchlist_entry w WHERE w.enterprise_id = ANY(${ids}) ${visibleWatch(params)}
         ORDER BY w.listed_on DESC, w.id`,
      fromRows: (rows) => rows as unknown as WatchlistEntry[],
      keyOf: (w) => w.enterpriseId,
    }),
    watchlistById: rowQueryLoader<string, WatchlistEntry>(db, {
      sql: (ids, params) => `SELECT ${watchlistColumns(params.add(now))} FROM watchlist_entry w WHERE w.id = ANY(${ids}) ${visibleWatch(params)}`,
      fromRows: (rows) => rows as unknown as WatchlistEntry[],
      keyOf: (w) => w.id,
    }),
    triggeringPenalties: groupQueryLoader<string, Penalty & { entryId: string }>(db, {
      sql: (ids, params) => `SELECT ${PENALTY_COLUMNS}, t.watchlist_entry_id AS "entryId" FROM watchlist_trigger t JOIN penalty pe ON pe.id = t.penalty_id
           WHERE t.watchlist_entry_id = ANY(${ids}) AND ${visiblePenalty(actor, params)} ORDER BY pe.decided_on DESC, pe.id`,
      fromRows: (rows) => (rows as unknown as (Penalty & { entryId: string })[]).map(revivePenalty),
      keyOf: (p) => p.entryId,
    }),
  };
}

export type ListingLoaders = ReturnType<typeof createListingLoaders>;

/** The Enterprise list fields that can come with their enterprise (enterprise.profile.ts). */
export const listingProfileParts: ProfileParts<ListingLoaders> = {
  onWatchlist: (_, l) => l.listState.part,
  onBlacklist: (_, l) => l.listState.part,
  measuresInForce: (_, l) => l.listState.part,
  watchlist: (_, l) => l.watchlistByEnterprise.part,
  blacklist: (_, l) => l.blacklistByEnterprise.part,
};

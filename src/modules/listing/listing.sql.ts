/**
 * SQL for listings (blacklist and watchlist entries). An entry is in force while it is ACTIVE and
 * its validity has not ended; a stored ACTIVE past its validity reads as EXPIRED, with no job
 * needed. Every query that asks "is this listing in force" uses these, never its own copy.
 */

/** Status as read: a stored ACTIVE past its validity is EXPIRED, with no job needed. */
export const derivedStatus = (alias: string, today: string) =>
  `CASE WHEN ${alias}.state = 'ACTIVE' AND ${alias}.valid_until < ${today}::date THEN 'EXPIRED' ELSE ${alias}.state END`;

/** True while an entry is in force on `today`. */
export const inForce = (alias: string, today: string) => `(${alias}.state = 'ACTIVE' AND ${alias}.valid_until >= ${today}::date)`;

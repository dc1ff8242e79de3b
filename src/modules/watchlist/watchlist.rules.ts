import type { AgencyActor } from "../../auth/actor";
import { Department } from "../../auth/department.enums";
import { OVERSIGHT } from "../../auth/policy";
import type { WatchlistEntry } from "./watchlist-entry.type";
import { WatchlistBasis } from "./watchlist.enums";

/**
 * Who decides on a watchlist entry (removal, escalation, repair): CREDIT_OFFICE always; for an
 * entry listed by the automatic rule, the OVERSIGHT departments; for one listed by hand, the
 * department that listed it.
 */
export function mayDecideWatchlistEntry(actor: AgencyActor, entry: Pick<WatchlistEntry, "basis" | "listedBy">): boolean {
  if (actor.department === Department.CREDIT_OFFICE) return true;
  return entry.basis === WatchlistBasis.AUTOMATIC_RULE ? OVERSIGHT.includes(actor.department) : actor.department === entry.listedBy;
}

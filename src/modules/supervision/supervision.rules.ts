import type { Actor } from "../../auth/actor";
import type { SqlParams } from "../../db/loader";
import { inForce } from "../listing/listing.sql";
import { countingPenalty } from "../penalty/penalty.entity";

/**
 * Which supervision actions a caller reads (alias s): a department every action; the enterprise
 * itself only the warnings addressed to it (WARNING_NOTICE); the public none (the shield keeps it out).
 */
export function readableActions(actor: Actor, params: SqlParams): string {
  if (actor.kind === "agency") return "true";
  if (actor.kind === "subject") return `(s.kind = 'WARNING_NOTICE' AND s.enterprise_id = ${params.add(actor.enterpriseId)}::uuid)`;
  return "false";
}

/** Accident levels that make a watched enterprise an escalation candidate. */
const SERIOUS_ACCIDENT_LEVELS = ["MAJOR", "ESPECIALLY_MAJOR"];

/**
 * An escalation candidate (alias w, a watchlist entry): in force, and during its validity the
 * enterprise got a counting penalty decided after the listing day, or a MAJOR or ESPECIALLY_MAJOR
 * accident. `today` is an SQL parameter reference.
 */
export const escalationCandidate = (today: string) => `(${inForce("w", today)} AND (
  EXISTS (SELECT 1 FROM penalty p WHERE p.enterprise_id = w.enterprise_id AND ${countingPenalty("p")}
    AND p.decided_on > w.listed_on AND p.decided_on <= w.valid_until)
  OR EXISTS (SELECT 1 FROM accident a WHERE a.enterprise_id = w.enterprise_id AND a.level IN (${SERIOUS_ACCIDENT_LEVELS.map((l) => `'${l}'`).join(", ")})
    AND a.occurred_on >= w.listed_on AND a.occurred_on <= w.valid_until)))`;

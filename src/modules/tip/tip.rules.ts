import type { Actor, AgencyActor } from "../../auth/actor";
import { DEPARTMENTS, type Department } from "../../auth/department.enums";
import { OVERSIGHT } from "../../auth/policy";
import type { SqlParams } from "../../db/loader";
import { PROVINCE_CODE, regionCovers } from "../../shared/region";

/** The routing table as configured (HUB_TIP_ROUTING over the defaults in config.ts), checked against the department list at start. */
export function routingTable(configured: Readonly<Record<string, readonly string[]>>): Readonly<Record<string, readonly Department[]>> {
  for (const [category, departments] of Object.entries(configured)) {
    const unknown = departments.filter((d) => !(DEPARTMENTS as readonly string[]).includes(d));
    if (unknown.length) throw new Error(`invalid configuration: HUB_TIP_ROUTING routes ${category} to unknown department ${unknown.join(", ")}`);
  }
  return configured as Readonly<Record<string, readonly Department[]>>;
}

/**
 * Tips a caller reads (alias t): the routed departments of the tip's region (a province agency
 * of a routed department: every region), and OVERSIGHT everywhere. Nobody else.
 */
export function readableTips(actor: Actor, params: SqlParams): string {
  if (actor.kind !== "agency") return "false";
  if ((OVERSIGHT as string[]).includes(actor.department)) return "true";
  const region = params.add(actor.regionCode);
  return `(t.routed_to @> ARRAY[${params.add(actor.department)}]::text[]
    AND (${region}::text = '${PROVINCE_CODE}' OR substr(t.region_code, 1, 4) = substr(${region}::text, 1, 4)))`;
}

/** A routed department of the tip's region handles it: updates it and reads the reporter's contact. */
export const handlesTip = (actor: AgencyActor, tip: { routedTo: readonly string[]; regionCode: string }): boolean =>
  tip.routedTo.includes(actor.department) && regionCovers(actor.regionCode, tip.regionCode);

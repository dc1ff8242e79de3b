import type { Actor } from "../../auth/actor";
import { Department } from "../../auth/department.enums";
import { OVERSIGHT } from "../../auth/policy";
import type { SqlParams } from "../../db/loader";
import { PROVINCE_CODE } from "../../shared/region";

const D = Department;

/**
 * The departments that supervise each sector (行业监管), to whom list events go besides OVERSIGHT.
 * Every sector is EMERGENCY_MANAGEMENT's as well (综合监管).
 */
export const SECTOR_SUPERVISORS: Readonly<Record<string, readonly Department[]>> = {
  COAL_MINE: [D.EMERGENCY_MANAGEMENT, D.NATURAL_RESOURCES],
  NON_COAL_MINE: [D.EMERGENCY_MANAGEMENT, D.NATURAL_RESOURCES],
  METAL_NONMETAL_MINE: [D.EMERGENCY_MANAGEMENT, D.NATURAL_RESOURCES],
  TRANSPORTATION: [D.EMERGENCY_MANAGEMENT, D.TRANSPORT],
  CONSTRUCTION: [D.EMERGENCY_MANAGEMENT, D.HOUSING_CONSTRUCTION],
  HAZARDOUS_CHEMICALS: [D.EMERGENCY_MANAGEMENT, D.INDUSTRY_IT, D.ECOLOGY_ENVIRONMENT],
  FIREWORKS: [D.EMERGENCY_MANAGEMENT],
  CIVIL_EXPLOSIVES: [D.EMERGENCY_MANAGEMENT, D.INDUSTRY_IT],
  SPECIAL_EQUIPMENT: [D.EMERGENCY_MANAGEMENT, D.MARKET_REGULATION],
  METALLURGY: [D.EMERGENCY_MANAGEMENT, D.INDUSTRY_IT],
  OTHER: [D.EMERGENCY_MANAGEMENT],
};

/** BLACKLIST_* and WATCHLIST_* go to the sector's supervisors and OVERSIGHT. */
export const listAddressees = (sector: string): Department[] =>
  [...new Set([...(SECTOR_SUPERVISORS[sector] ?? SECTOR_SUPERVISORS.OTHER), ...(OVERSIGHT as Department[])])];

/** REPAIR_DECIDED goes to the department that submitted the request, the one that decided it, and OVERSIGHT. */
export const repairAddressees = (submitter: string | null, decider: string): Department[] =>
  [...new Set([...(submitter ? [submitter as Department] : []), decider as Department, ...(OVERSIGHT as Department[])])];

/** REPORT_PUBLISHED goes to OVERSIGHT, who read the archive. */
export const reportAddressees = (): Department[] => [...(OVERSIGHT as Department[])];

/** OBJECTION_* go to the responsible department and CREDIT_OFFICE (and to the subject). */
export const objectionAddressees = (responsible: string): Department[] => [...new Set([responsible as Department, D.CREDIT_OFFICE])];

/**
 * The events a caller reads (alias e): an agency those addressed to its department about an
 * enterprise its region covers (a province agency any; an event about no enterprise, any); a
 * subject the OBJECTION_* events about itself; the public none. An event addressed to one agency
 * (its own webhook's news) only that agency.
 */
export function readableEvents(actor: Actor, params: SqlParams): string {
  if (actor.kind === "subject") return `(e.subject_enterprise = ${params.add(actor.enterpriseId)}::uuid AND e.kind IN ('OBJECTION_FILED', 'OBJECTION_DECIDED'))`;
  if (actor.kind !== "agency") return "false";
  const region = params.add(actor.regionCode);
  return `(e.departments @> ARRAY[${params.add(actor.department)}]::text[]
    AND (e.agency_id IS NULL OR e.agency_id::text = ${params.add(actor.agencyId)}::text)
    AND (e.region_code IS NULL OR ${region}::text = '${PROVINCE_CODE}' OR substr(e.region_code, 1, 4) = substr(${region}::text, 1, 4)))`;
}

import type { AgencyActor } from "../../auth/actor";
import { Department } from "../../auth/department.enums";

/**
 * Who decides on a blacklist entry (removal, repair): the department that recognized it and
 * CREDIT_OFFICE. Writes also need the entry's enterprise in the caller's region.
 */
export function mayDecideBlacklistEntry(actor: AgencyActor, recognizedBy: Department): boolean {
  return actor.department === recognizedBy || actor.department === Department.CREDIT_OFFICE;
}

import type { Actor, AgencyActor } from "./actor";
import { OVERSIGHT } from "./policy";

/**
 * Row rules shared by the modules. Department rows (sanction tasks, feedback reports): a
 * department reads its own; the OVERSIGHT departments (CREDIT_OFFICE, EMERGENCY_MANAGEMENT) read
 * every department's. A module's own row rules live in its `<domain>.rules.ts`.
 */
export const seesAllDepartments = (actor: AgencyActor): boolean => OVERSIGHT.includes(actor.department);

/** The one department whose rows the caller reads, or null for all (OVERSIGHT and non-agency callers, whom the shield already limits). */
export const ownDepartmentOnly = (actor: Actor) => (actor.kind === "agency" && !seesAllDepartments(actor) ? actor.department : null);

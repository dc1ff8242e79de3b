import type { SqlParams } from "../db/loader";
import type { Actor, AgencyActor, SubjectActor } from "./actor";
import { Department } from "./department.enums";
import { OVERSIGHT } from "./policy";

/**
 * Row rules shared by the modules. Department rows (sanction tasks, feedback reports): a
 * department reads its own; the OVERSIGHT departments (CREDIT_OFFICE, EMERGENCY_MANAGEMENT) read
 * every department's. A module's own row rules live in its `<domain>.rules.ts`.
 */
export const seesAllDepartments = (actor: AgencyActor): boolean => OVERSIGHT.includes(actor.department);

/** The one department whose rows the caller reads, or null for all (OVERSIGHT and non-agency callers, whom the shield already limits). */
export const ownDepartmentOnly = (actor: Actor) => (actor.kind === "agency" && !seesAllDepartments(actor) ? actor.department : null);

/** The enterprise whose records the caller reads as its own (a subject's), or null. */
export const ownEnterpriseOf = (actor: Actor): string | null => (actor.kind === "subject" ? actor.enterpriseId : null);

/**
 * Whether a record the shield is about to open belongs to the subject: an Enterprise by its id, a
 * Person when it holds or held a post in the enterprise, any other record by its `enterpriseId`.
 * Anything the shield cannot place is not the subject's (it then reads as the public does).
 */
export function isOwnRecord(actor: SubjectActor, typeName: string, parent: unknown): boolean {
  const row = parent as { id?: unknown; enterpriseId?: unknown } | null | undefined;
  if (!row || typeof row !== "object") return false;
  if (typeName === "Enterprise") return row.id === actor.enterpriseId;
  if (typeName === "Person") return typeof row.id === "string" && actor.personIds.has(row.id);
  return row.enterpriseId === actor.enterpriseId;
}

/** The columns of one kind of record that `visibleRecords` needs, as SQL expressions. */
export interface RecordColumns {
  /** The record's enterprise (uuid). */
  enterprise: string;
  /** The department that produced it (谁产生). */
  producer: string;
  /** True once an approved credit repair stopped its sharing. */
  repaired: string;
  /** True while the public may see it (its publication window, or its listing in force). */
  public: string;
}

/**
 * Which records of an enterprise the caller reads: the one SQL condition every kind of record
 * uses (penalties, blacklist and watchlist entries).
 * - A subject reads all of its own records; of any other enterprise what the public reads.
 * - A department reads every record except those whose sharing an approved repair stopped:
 *   these only their producing department and CREDIT_OFFICE still read (repair stops sharing), so
 *   for everyone else they are absent from lists, counts and filters alike.
 * - The public reads what `public` allows, and never a repaired record.
 * The caller comes in as parameters, so every caller shares one statement text.
 */
export function visibleRecords(actor: Actor, params: SqlParams, c: RecordColumns): string {
  const own = params.add(ownEnterpriseOf(actor));
  const department = params.add(actor.kind === "agency" ? actor.department : null);
  return `(${c.enterprise} = ${own}::uuid OR CASE WHEN ${department}::text IS NULL THEN (NOT (${c.repaired}) AND (${c.public}))
    ELSE (NOT (${c.repaired}) OR ${c.producer} = ${department}::text OR ${department}::text = '${Department.CREDIT_OFFICE}') END)`;
}

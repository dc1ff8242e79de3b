import type { PublicationSettings } from "../../config";
import type { AgencyActor } from "../../auth/actor";
import { Department } from "../../auth/department.enums";
import { addDays, addMonths } from "../../shared/clock";
import { badInput } from "../../shared/errors";
import { FailingCreditSeverity, PenaltyType } from "./penalty.enums";

/** A fine up to this amount, alone, is a minor penalty (简易程序). */
export const MINOR_FINE_LIMIT = 3000;

/**
 * A penalty's severity (the national credit repair rules): SERIOUS when the recording department
 * finds it so or its types include REVOKE_LICENSE or DETENTION; MINOR when its types are only
 * WARNING, or only a FINE of at most 3,000 yuan; otherwise GENERAL.
 */
export function penaltySeverity(types: readonly string[], fineAmount: string | null | undefined, serious = false): FailingCreditSeverity {
  if (serious || types.includes(PenaltyType.REVOKE_LICENSE) || types.includes(PenaltyType.DETENTION)) return FailingCreditSeverity.SERIOUS;
  const only = (t: PenaltyType) => types.length > 0 && types.every((x) => x === t);
  if (only(PenaltyType.WARNING)) return FailingCreditSeverity.MINOR;
  if (only(PenaltyType.FINE) && fineAmount != null && Number(fineAmount) <= MINOR_FINE_LIMIT) return FailingCreditSeverity.MINOR;
  return FailingCreditSeverity.GENERAL;
}

/**
 * The last day the public sees a penalty of this severity: GENERAL decidedOn + generalMonths,
 * SERIOUS + seriousMonths; MINOR the day before its decision, i.e. never (isPublic is false).
 */
export function publicationEnd(severity: FailingCreditSeverity, decidedOn: string, settings: PublicationSettings): string {
  if (severity === FailingCreditSeverity.MINOR) return addDays(decidedOn, -1);
  return addMonths(decidedOn, severity === FailingCreditSeverity.SERIOUS ? settings.seriousMonths : settings.generalMonths);
}

/**
 * `publicUntil` of a new penalty: its tier's end, or an earlier date the recording department
 * gives (a period may be shortened, never lengthened past its tier, and never ends before the
 * decision). `field` names the input in errors.
 */
export function publicUntilFor(
  severity: FailingCreditSeverity,
  decidedOn: string,
  requested: string | null | undefined,
  settings: PublicationSettings,
  field = "publicUntil",
  decidedField = "decidedOn",
): string {
  const end = publicationEnd(severity, decidedOn, settings);
  if (requested == null) return end;
  if (requested < decidedOn) throw badInput(field, `${field} cannot be earlier than ${decidedField}.`);
  if (severity === FailingCreditSeverity.MINOR) throw badInput(field, `A MINOR penalty is never published: leave ${field} out.`);
  if (requested > end) {
    throw badInput(field, `${field} (${requested}) lies after the end of this ${severity} penalty's public period (${end}); it may only be shortened.`);
  }
  return requested;
}

/** Months after its decision before a penalty may be repaired (HUB_REPAIR_GENERAL_MONTHS 3, HUB_REPAIR_SERIOUS_MONTHS 12). */
export const repairWaitMonths = (severity: Exclude<FailingCreditSeverity, "MINOR">, waits: { generalMonths: number; seriousMonths: number }) =>
  severity === FailingCreditSeverity.SERIOUS ? waits.seriousMonths : waits.generalMonths;

/** The first day a penalty may be repaired; null for a MINOR one, which is never published and has nothing to repair. */
export function earliestRepair(severity: FailingCreditSeverity, decidedOn: string, waits: { generalMonths: number; seriousMonths: number }): string | null {
  return severity === FailingCreditSeverity.MINOR ? null : addMonths(decidedOn, repairWaitMonths(severity, waits));
}

/** A penalty's repair is decided by the department that recorded it (谁产生、谁负责), and CREDIT_OFFICE. */
export const mayDecidePenaltyRepair = (actor: AgencyActor, recordedBy: string): boolean =>
  actor.department === recordedBy || actor.department === Department.CREDIT_OFFICE;

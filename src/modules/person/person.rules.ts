import type { EntityManager } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { ID } from "../../auth/policy";
import { DomainError, ErrorCode, badInput, forbidden } from "../../shared/errors";
import { isUuid } from "../../shared/uuid";
import { idNumberProblem, normaliseIdNumber } from "../../shared/identifiers";

/** Validates and normalises a resident ID number, naming the input field on failure. */
export function checkIdNumber(value: string, field: string): string {
  const idNumber = normaliseIdNumber(value);
  const problem = idNumberProblem(idNumber);
  if (problem) throw badInput(field, problem);
  return idNumber;
}

/**
 * How a write names a person: by `Person.id`, which every department that reads holders sees,
 * or by resident ID number, which only the departments entitled to full ID numbers (ID) may
 * use. A department that may only see masked numbers could otherwise guess the hidden birth
 * date (a few thousand candidates) and learn from the answer which guess is a real person.
 */
export type PersonReference = { personId: string; idNumber?: never } | { idNumber: string; personId?: never };

export function personReference(
  actor: AgencyActor,
  personId: string | null | undefined,
  idNumber: string | null | undefined,
  fields: { personId: string; idNumber: string },
): PersonReference | null {
  if (personId != null && idNumber != null) {
    throw badInput(fields.personId, `Name the person by ${fields.personId} or by ${fields.idNumber}, not both.`);
  }
  if (idNumber != null) {
    // Refused whatever the number: the answer must not depend on whether it is known.
    if (!ID.includes(actor.department)) {
      throw forbidden(`Your department may not name persons by ID number; use ${fields.personId} (Person.id).`);
    }
    return { idNumber: checkIdNumber(idNumber, fields.idNumber) };
  }
  return personId != null ? { personId } : null;
}

/**
 * One answer for "no such person" and "not a responsible person of this enterprise": same code,
 * same sentence, one statement either way, and noted in the access log as a denied attempt.
 */
export function noSuchHolder(field: string): DomainError {
  return new DomainError(
    ErrorCode.BAD_USER_INPUT,
    `${field} names no current or former responsible person of this enterprise.`,
    field,
    { deniedAttempt: true },
  );
}

/** The person named by `ref` if they hold or held a responsible role at the enterprise; else the one refusal. */
export async function holderAt(tx: EntityManager, enterpriseId: string, ref: PersonReference, field: string): Promise<string> {
  if (ref.personId !== undefined && !isUuid(ref.personId)) throw noSuchHolder(field);
  const [row] = await tx.query(
    ref.personId !== undefined
      ? `SELECT rp.person_id AS id FROM responsible_person rp WHERE rp.person_id = $1::uuid AND rp.enterprise_id = $2 LIMIT 1`
      : `SELECT rp.person_id AS id FROM person p JOIN responsible_person rp ON rp.person_id = p.id
         WHERE p.id_number = $1 AND rp.enterprise_id = $2 LIMIT 1`,
    [ref.personId ?? ref.idNumber, enterpriseId],
  );
  if (!row) throw noSuchHolder(field);
  return row.id;
}

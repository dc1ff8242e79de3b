import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { badInput, forbidden, notFound } from "../../shared/errors";
import { isUuid } from "../../shared/uuid";
import { requiredText, notInFuture } from "../../shared/validation";
import type { SanctionMeasure } from "../sanction/sanction-catalogue";
import { SanctionOutcome } from "./feedback.enums";
import type { SanctionFeedbackInput } from "./feedback.inputs";

/** A report that passed its rules, ready to insert. */
export interface Checked {
  input: SanctionFeedbackInput;
  clientReference: string;
  entryId: string;
  taskId: string | null;
  hash: string;
  description: string | null;
  matterReference: string | null;
}

/** What the checks of a report need from the database, read for a whole batch in one statement. */
export interface Facts {
  entries: Map<string, { subjectType: string; listedOn: string }>;
  reviewAgencies: Map<string, string>;
  /** Task id by `${entryId}|${measure}`, for the caller's department. */
  tasks: Map<string, string>;
  /** The measure catalogue in force. */
  catalogue: readonly SanctionMeasure[];
}

export async function readFacts(tx: EntityManager, actor: AgencyActor, inputs: SanctionFeedbackInput[], catalogue: readonly SanctionMeasure[]): Promise<Facts> {
  const entryIds = [...new Set(inputs.map((i) => i.blacklistEntryId).filter(isUuid))];
  const reviewIds = [...new Set(inputs.map((i) => i.reviewId).filter((id): id is string => !!id && isUuid(id)))];
  const [row] = await tx.query(
    `SELECT
       (SELECT json_agg(json_build_object('id', b.id, 'subjectType', b.subject_type, 'listedOn', b.listed_on))
          FROM blacklist_entry b WHERE b.id = ANY($1::uuid[])) AS entries,
       (SELECT json_agg(json_build_object('id', r.id, 'agencyId', r.agency_id)) FROM credit_review r WHERE r.id = ANY($2::uuid[])) AS reviews,
       (SELECT json_agg(json_build_object('entryId', t.blacklist_entry_id, 'measure', t.measure, 'id', t.id))
          FROM sanction_task t WHERE t.blacklist_entry_id = ANY($1::uuid[]) AND t.department = $3) AS tasks`,
    [entryIds, reviewIds, actor.department],
  );
  return {
    entries: new Map((row.entries ?? []).map((e: { id: string; subjectType: string; listedOn: string }) => [e.id, e])),
    reviewAgencies: new Map((row.reviews ?? []).map((r: { id: string; agencyId: string }) => [r.id, r.agencyId])),
    tasks: new Map((row.tasks ?? []).map((t: { entryId: string; measure: string; id: string }) => [`${t.entryId}|${t.measure}`, t.id])),
    catalogue,
  };
}

/**
 * The rules of one report, against facts read beforehand; throws the first broken one. The
 * caller's department must implement the measure; the entry must exist; a PERSON entry takes only
 * measures that apply to persons; appliedOn lies between the listing and today; an outcome other
 * than APPLIED says why (description); a reviewId must be a review of the caller's own agency.
 */
export function checkReport(actor: AgencyActor, input: SanctionFeedbackInput, facts: Facts, supersedes: string | null): Checked {
  const clientReference = requiredText(input.clientReference, "clientReference", 100);
  // A task distributed to the department (under the catalogue version of its day) settles it;
  // without one, the catalogue in force says who implements the measure.
  const distributed = facts.tasks.has(`${input.blacklistEntryId}|${input.measure}`);
  const measure = facts.catalogue.find((m) => m.code === input.measure);
  if (!distributed && !measure?.implementingDepartments.includes(actor.department)) {
    throw forbidden(`Your department does not implement ${input.measure}.`);
  }
  const entry = facts.entries.get(input.blacklistEntryId);
  if (!entry) throw notFound(`No blacklist entry with id ${input.blacklistEntryId}.`, "blacklistEntryId");
  if (entry.subjectType === "PERSON" && !distributed && !measure?.appliesToPersons) {
    throw badInput("measure", `${input.measure} does not apply to persons.`);
  }
  notInFuture(input.appliedOn, "appliedOn");
  if (input.appliedOn < entry.listedOn) throw badInput("appliedOn", `appliedOn (${input.appliedOn}) is before the entry was listed (${entry.listedOn}).`);
  const description = input.description?.trim() || null;
  if (input.outcome !== SanctionOutcome.APPLIED && !description) {
    throw badInput("description", "Say why the measure was not (fully) applied: description is required unless the outcome is APPLIED.");
  }
  if (input.reviewId && facts.reviewAgencies.get(input.reviewId) !== actor.agencyId) {
    throw badInput("reviewId", "reviewId must be a credit review made by your agency.");
  }
  const matterReference = input.matterReference?.trim() || null;
  const content = [input.blacklistEntryId, input.measure, input.matter, matterReference, input.appliedOn, input.outcome, description, input.reviewId ?? null, supersedes];
  return {
    clientReference,
    entryId: input.blacklistEntryId,
    taskId: facts.tasks.get(`${input.blacklistEntryId}|${input.measure}`) ?? null,
    hash: createHash("sha256").update(JSON.stringify(content)).digest("hex"),
    description,
    matterReference,
    input,
  };
}

/** The checked reports as one array per column, for INSERT … SELECT FROM unnest(…). */
export function columns(items: Checked[]): unknown[][] {
  return [
    items.map((c) => c.clientReference),
    items.map((c) => c.hash),
    items.map((c) => c.entryId),
    items.map((c) => c.taskId),
    items.map((c) => c.input.measure),
    items.map((c) => c.input.matter),
    items.map((c) => c.matterReference),
    items.map((c) => c.input.appliedOn),
    items.map((c) => c.input.outcome),
    items.map((c) => c.description),
    items.map((c) => c.input.reviewId ?? null),
  ];
}

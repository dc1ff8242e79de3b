import { createHash } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { inTransaction } from "../../db/transaction";
import { today } from "../../shared/clock";
import { DomainError, badInput, conflict, forbidden, notFound } from "../../shared/errors";
import { isUuid } from "../../shared/uuid";
import { requiredText } from "../list/blacklist.service";
import { measureOf } from "../sanction/sanction-catalogue";
import {
  FEEDBACK_COLUMNS,
  FeedbackState,
  SanctionFeedback,
  type SanctionFeedbackBatchResult,
  type SanctionFeedbackInput,
  type SanctionFeedbackPayload,
  SanctionOutcome,
} from "./feedback.types";

export const MAX_FEEDBACK_BATCH = 500;
const UNIQUE_VIOLATION = "23505";

interface Checked {
  clientReference: string;
  entryId: string;
  taskId: string | null;
  hash: string;
  description: string | null;
  matterReference: string | null;
}

/** 惩戒实施情况反馈: an append-only ledger, idempotent by (agency, clientReference). */
export class FeedbackService {
  constructor(private readonly db: DataSource) {}

  register(actor: AgencyActor, input: SanctionFeedbackInput): Promise<SanctionFeedbackPayload> {
    return inTransaction(this.db, (tx) => this.insert(tx, actor, input, null));
  }

  /** Each item in its own transaction: one bad item never undoes the good ones. */
  async registerBatch(actor: AgencyActor, inputs: SanctionFeedbackInput[]): Promise<SanctionFeedbackBatchResult> {
    if (inputs.length > MAX_FEEDBACK_BATCH) {
      throw badInput("inputs", `A batch holds at most ${MAX_FEEDBACK_BATCH} reports; this one has ${inputs.length}. Nothing was written.`);
    }
    const result: SanctionFeedbackBatchResult = { items: [], accepted: 0, replayed: 0, rejected: 0 };
    for (const [index, input] of inputs.entries()) {
      try {
        const payload = await this.register(actor, input);
        result.items.push({ index, payload, error: null });
        if (payload.replayed) result.replayed++;
        else result.accepted++;
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        result.items.push({ index, payload: null, error: { code: err.code, message: err.message, field: err.field ?? null } });
        result.rejected++;
      }
    }
    return result;
  }

  /** A correction is a new record that supersedes the old one; the old one reads CORRECTED. */
  correct(actor: AgencyActor, id: string, input: SanctionFeedbackInput, reason: string): Promise<SanctionFeedbackPayload> {
    const why = requiredText(reason, "reason");
    return inTransaction(this.db, async (tx) => {
      const old = await this.lockOwn(tx, actor, id);
      if (old.state === FeedbackState.CORRECTED) {
        // The same correction sent again is a replay; any other is a conflict.
        const [next] = await tx.query(`SELECT client_reference AS ref, agency_id AS agency FROM sanction_feedback WHERE supersedes = $1`, [id]);
        if (next?.ref !== input.clientReference.trim() || next?.agency !== actor.agencyId) throw conflict("This report has already been corrected.", "id");
      } else if (old.state !== FeedbackState.CURRENT) {
        throw conflict(`This report is ${old.state}; only a CURRENT report can be corrected.`, "id");
      }
      return this.insert(tx, actor, input, { id: old.id, taskId: old.taskId, reason: why });
    });
  }

  /** A retraction is recorded next to the report, which then reads RETRACTED. */
  retract(actor: AgencyActor, id: string, reason: string): Promise<SanctionFeedback> {
    const why = requiredText(reason, "reason");
    return inTransaction(this.db, async (tx) => {
      const old = await this.lockOwn(tx, actor, id);
      if (old.state !== FeedbackState.CURRENT) throw conflict(`This report is ${old.state}; only a CURRENT report can be retracted.`, "id");
      await tx.query(`INSERT INTO sanction_feedback_retraction (feedback_id, agency_id, reason) VALUES ($1, $2, $3)`, [id, actor.agencyId, why]);
      return this.read(tx, id);
    });
  }

  private async insert(
    tx: EntityManager,
    actor: AgencyActor,
    input: SanctionFeedbackInput,
    predecessor: { id: string; taskId: string | null; reason: string } | null,
  ): Promise<SanctionFeedbackPayload> {
    const c = await this.check(tx, actor, input, predecessor?.id ?? null);
    let inserted: { id: string }[];
    try {
      inserted = await tx.query(
        `INSERT INTO sanction_feedback (agency_id, department, client_reference, content_hash, blacklist_entry_id, task_id, measure,
           matter, matter_reference, applied_on, outcome, description, review_id, supersedes, correction_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (agency_id, client_reference) DO NOTHING RETURNING id`,
        [actor.agencyId, actor.department, c.clientReference, c.hash, c.entryId, predecessor ? predecessor.taskId : c.taskId, input.measure,
          input.matter, c.matterReference, input.appliedOn, input.outcome, c.description, input.reviewId ?? null,
          predecessor?.id ?? null, predecessor?.reason ?? null],
      );
    } catch (err) {
      // Two corrections of one report at once: the unique supersedes lets one through.
      if ((err as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw conflict("This report has already been corrected.", "id");
      }
      throw err;
    }
    if (inserted.length) return { feedback: await this.read(tx, inserted[0].id), replayed: false };
    // The key exists: the unique constraint decided; only now is the first record read back.
    const [first] = await tx.query(
      `SELECT id, content_hash AS hash FROM sanction_feedback WHERE agency_id = $1 AND client_reference = $2`,
      [actor.agencyId, c.clientReference],
    );
    if (first.hash !== c.hash) {
      throw conflict(`clientReference "${c.clientReference}" was already used for a different report; nothing was written.`, "clientReference");
    }
    return { feedback: await this.read(tx, first.id), replayed: true };
  }

  private async check(tx: EntityManager, actor: AgencyActor, input: SanctionFeedbackInput, supersedes: string | null): Promise<Checked> {
    const clientReference = requiredText(input.clientReference, "clientReference", 100);
    const measure = measureOf(input.measure);
    if (!measure.implementingDepartments.includes(actor.department)) {
      throw forbidden(`Your department does not implement ${input.measure}.`);
    }
    const [entry] = isUuid(input.blacklistEntryId)
      ? await tx.query(`SELECT subject_type AS "subjectType", listed_on AS "listedOn" FROM blacklist_entry WHERE id = $1`, [input.blacklistEntryId])
      : [];
    if (!entry) throw notFound(`No blacklist entry with id ${input.blacklistEntryId}.`, "blacklistEntryId");
    if (entry.subjectType === "PERSON" && !measure.appliesToPersons) {
      throw badInput("measure", `${input.measure} does not apply to persons.`);
    }
    if (input.appliedOn > today()) throw badInput("appliedOn", `appliedOn (${input.appliedOn}) lies in the future.`);
    if (input.appliedOn < entry.listedOn) throw badInput("appliedOn", `appliedOn (${input.appliedOn}) is before the entry was listed (${entry.listedOn}).`);
    const description = input.description?.trim() || null;
    if (input.outcome !== SanctionOutcome.APPLIED && !description) {
      throw badInput("description", "Say why the measure was not (fully) applied: description is required unless the outcome is APPLIED.");
    }
    if (input.reviewId) {
      const [review] = isUuid(input.reviewId) ? await tx.query(`SELECT agency_id AS "agencyId" FROM credit_review WHERE id = $1`, [input.reviewId]) : [];
      if (!review || review.agencyId !== actor.agencyId) throw badInput("reviewId", "reviewId must be a credit review made by your agency.");
    }
    const [task] = await tx.query(
      `SELECT id FROM sanction_task WHERE blacklist_entry_id = $1 AND measure = $2 AND department = $3`,
      [input.blacklistEntryId, input.measure, actor.department],
    );
    const matterReference = input.matterReference?.trim() || null;
    const content = [input.blacklistEntryId, input.measure, input.matter, matterReference, input.appliedOn, input.outcome, description, input.reviewId ?? null, supersedes];
    return {
      clientReference,
      entryId: input.blacklistEntryId,
      taskId: task?.id ?? null,
      hash: createHash("sha256").update(JSON.stringify(content)).digest("hex"),
      description,
      matterReference,
    };
  }

  private async lockOwn(tx: EntityManager, actor: AgencyActor, id: string): Promise<SanctionFeedback> {
    const [row] = isUuid(id) ? await tx.query(`SELECT id FROM sanction_feedback WHERE id = $1 FOR UPDATE`, [id]) : [];
    if (!row) throw notFound(`No sanction feedback with id ${id}.`, "id");
    const feedback = await this.read(tx, id);
    if (feedback.department !== actor.department) throw forbidden();
    return feedback;
  }

  private async read(tx: EntityManager, id: string): Promise<SanctionFeedback> {
    const [row] = await tx.query(`SELECT ${FEEDBACK_COLUMNS} FROM sanction_feedback f WHERE f.id = $1`, [id]);
    return row;
  }
}

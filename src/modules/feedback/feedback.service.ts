import type { MeasureCatalogueService } from "../sanction/measure-catalogue.service";
import type { DataSource, EntityManager } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { inTransaction } from "../../db/transaction";
import { DomainError, badInput, conflict, forbidden } from "../../shared/errors";
import { isUuid } from "../../shared/uuid";
import { requiredText } from "../../shared/validation";
import { FEEDBACK_COLUMNS, SanctionFeedback, type SanctionFeedbackBatchResult, type SanctionFeedbackPayload } from "./feedback.type";
import { FeedbackState } from "./feedback.enums";
import { type SanctionFeedbackInput } from "./feedback.inputs";
import { type Checked, checkReport, columns, readFacts } from "./feedback.rules";
import { isUniqueViolation } from "../../db/faults";

export const MAX_FEEDBACK_BATCH = 500;

type Outcome = { payload: SanctionFeedbackPayload; error?: never } | { payload?: never; error: DomainError };

/** 惩戒实施情况反馈: an append-only ledger, idempotent by (agency, clientReference). */
export class FeedbackService {
  constructor(
    private readonly db: DataSource,
    private readonly catalogue: MeasureCatalogueService,
  ) {}

  async register(actor: AgencyActor, input: SanctionFeedbackInput): Promise<SanctionFeedbackPayload> {
    const [outcome] = await this.apply(actor, [input]);
    if (outcome.error) throw outcome.error;
    return outcome.payload;
  }

  /**
   * Each item is applied or rejected on its own, with the checks of a single report, but the batch
   * costs a handful of statements, not a transaction per item: the facts are read together and the
   * good items inserted together (one INSERT … ON CONFLICT DO NOTHING, so the unique key still
   * decides every replay and conflict).
   */
  async registerBatch(actor: AgencyActor, inputs: SanctionFeedbackInput[]): Promise<SanctionFeedbackBatchResult> {
    if (inputs.length > MAX_FEEDBACK_BATCH) {
      throw badInput("inputs", `A batch holds at most ${MAX_FEEDBACK_BATCH} reports; this one has ${inputs.length}. Nothing was written.`);
    }
    const result: SanctionFeedbackBatchResult = { items: [], accepted: 0, replayed: 0, rejected: 0 };
    for (const [index, outcome] of (await this.apply(actor, inputs)).entries()) {
      if (outcome.error) {
        result.items.push({ index, payload: null, error: { code: outcome.error.code, message: outcome.error.message, field: outcome.error.field ?? null } });
        result.rejected++;
      } else {
        result.items.push({ index, payload: outcome.payload, error: null });
        if (outcome.payload.replayed) result.replayed++;
        else result.accepted++;
      }
    }
    return result;
  }

  private async apply(actor: AgencyActor, inputs: SanctionFeedbackInput[]): Promise<Outcome[]> {
    // (agency, clientReference) is unique: a rerun after a lost connection replays.
    return inTransaction(this.db, async (tx) => {
      const facts = await readFacts(tx, actor, inputs, (await this.catalogue.inForce()).measures);
      const outcomes: (Outcome | Checked)[] = inputs.map((input) => {
        try {
          return checkReport(actor, input, facts, null);
        } catch (err) {
          if (err instanceof DomainError) return { error: err };
          throw err;
        }
      });
      const good = outcomes.filter((o): o is Checked => "hash" in o);
      // The first item with a reference is inserted; a later one with the same reference is its replay or conflict.
      const firsts: Checked[] = [];
      const seen = new Set<string>();
      for (const c of good) {
        if (seen.has(c.clientReference)) continue;
        seen.add(c.clientReference);
        firsts.push(c);
      }
      const inserted = new Map<string, string>();
      if (firsts.length) {
        const rows: { id: string; ref: string }[] = await tx.query(
          `INSERT INTO sanction_feedback (agency_id, department, client_reference, content_hash, blacklist_entry_id, task_id, measure,
             matter, matter_reference, applied_on, outcome, description, review_id)
           SELECT $1, $2, x.ref, x.hash, x.entry, x.task, x.measure, x.matter, x.matter_ref, x.applied_on, x.outcome, x.description, x.review
           FROM unnest($3::text[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::date[], $11::text[], $12::text[], $13::uuid[])
             WITH ORDINALITY AS x(ref, hash, entry, task, measure, matter, matter_ref, applied_on, outcome, description, review, n)
           ORDER BY x.n
           ON CONFLICT (agency_id, client_reference) DO NOTHING
           RETURNING id, client_reference AS ref`,
          [actor.agencyId, actor.department, ...columns(firsts)],
        );
        for (const row of rows) inserted.set(row.ref, row.id);
      }
      // References that were already taken: the first record decides replay (same content) or conflict.
      const taken = firsts.filter((c) => !inserted.has(c.clientReference)).map((c) => c.clientReference);
      const existing = new Map<string, { id: string; hash: string }>();
      if (taken.length) {
        const rows: { id: string; ref: string; hash: string }[] = await tx.query(
          `SELECT id, client_reference AS ref, content_hash AS hash FROM sanction_feedback WHERE agency_id = $1 AND client_reference = ANY($2)`,
          [actor.agencyId, taken],
        );
        for (const row of rows) existing.set(row.ref, row);
      }
      const claimed = new Set<string>();
      const ids = [...inserted.values(), ...[...existing.values()].map((e) => e.id)];
      const records = new Map<string, SanctionFeedback>(
        ids.length ? (await tx.query(`SELECT ${FEEDBACK_COLUMNS} FROM sanction_feedback f WHERE f.id = ANY($1)`, [ids])).map((f: SanctionFeedback) => [f.id, f]) : [],
      );
      return outcomes.map((o): Outcome => {
        if (!("hash" in o)) return o;
        const newId = inserted.get(o.clientReference);
        if (newId && !claimed.has(o.clientReference)) {
          claimed.add(o.clientReference);
          return { payload: { feedback: records.get(newId)!, replayed: false } };
        }
        const first = existing.get(o.clientReference) ?? (newId ? { id: newId, hash: firsts.find((f) => f.clientReference === o.clientReference)!.hash } : null);
        if (!first || first.hash !== o.hash) {
          return { error: conflict(`clientReference "${o.clientReference}" was already used for a different report; nothing was written.`, "clientReference") };
        }
        return { payload: { feedback: records.get(first.id)!, replayed: true } };
      });
    }, { idempotent: true });
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
      // The correction is linked to the task of what it now reports: the predecessor's task while the
      // entry and measure stay the same, otherwise the task of the new (entry, measure, department).
      // The old task then reads OPEN again unless another CURRENT report keeps it REPORTED (status is
      // derived from CURRENT feedback), so the report's rates follow the correction.
      const sameTask = old.blacklistEntryId === input.blacklistEntryId && old.measure === input.measure;
      return this.insert(tx, actor, input, { id: old.id, taskId: sameTask ? old.taskId : undefined, reason: why });
    }, { idempotent: true });
  }

  /** A retraction is recorded next to the report, which then reads RETRACTED. */
  retract(actor: AgencyActor, id: string, reason: string): Promise<SanctionFeedback> {
    const why = requiredText(reason, "reason");
    return inTransaction(this.db, async (tx) => {
      const old = await this.lockOwn(tx, actor, id);
      if (old.state === FeedbackState.RETRACTED) {
        // Agency systems resend on a timeout: the same retraction again is a replay; another reason is a conflict.
        const [done] = await tx.query(`SELECT reason FROM sanction_feedback_retraction WHERE feedback_id = $1`, [id]);
        if (done?.reason === why) return old;
        throw conflict("This report has already been retracted, for another reason.", "id");
      }
      if (old.state !== FeedbackState.CURRENT) throw conflict(`This report is ${old.state}; only a CURRENT report can be retracted.`, "id");
      await tx.query(`INSERT INTO sanction_feedback_retraction (feedback_id, agency_id, reason) VALUES ($1, $2, $3)`, [id, actor.agencyId, why]);
      return this.read(tx, id);
    }, { idempotent: true });
  }

  private async insert(
    tx: EntityManager,
    actor: AgencyActor,
    input: SanctionFeedbackInput,
    /** taskId undefined: link the task of the corrected content (entry or measure changed). */
    predecessor: { id: string; taskId?: string | null; reason: string } | null,
  ): Promise<SanctionFeedbackPayload> {
    const c = checkReport(actor, input, await readFacts(tx, actor, [input], (await this.catalogue.inForce()).measures), predecessor?.id ?? null);
    let inserted: { id: string }[];
    try {
      inserted = await tx.query(
        `INSERT INTO sanction_feedback (agency_id, department, client_reference, content_hash, blacklist_entry_id, task_id, measure,
           matter, matter_reference, applied_on, outcome, description, review_id, supersedes, correction_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (agency_id, client_reference) DO NOTHING RETURNING id`,
        [actor.agencyId, actor.department, c.clientReference, c.hash, c.entryId, predecessor && predecessor.taskId !== undefined ? predecessor.taskId : c.taskId, input.measure,
          input.matter, c.matterReference, input.appliedOn, input.outcome, c.description, input.reviewId ?? null,
          predecessor?.id ?? null, predecessor?.reason ?? null],
      );
    } catch (err) {
      // Two corrections of one report at once: the unique supersedes lets one through.
      if (isUniqueViolation(err)) {
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

  /**
   * Another department's reports are not readable (own department's rows only), so "unknown" and
   * "someone else's" get one answer from one statement: FORBIDDEN, the same sentence.
   */
  private async lockOwn(tx: EntityManager, actor: AgencyActor, id: string): Promise<SanctionFeedback> {
    const [row] = isUuid(id)
      ? await tx.query(`SELECT id FROM sanction_feedback WHERE id = $1 AND department = $2 FOR UPDATE`, [id, actor.department])
      : [];
    if (!row) throw forbidden("No report of your department has this id.");
    return this.read(tx, id);
  }

  private async read(tx: EntityManager, id: string): Promise<SanctionFeedback> {
    const [row] = await tx.query(`SELECT ${FEEDBACK_COLUMNS} FROM sanction_feedback f WHERE f.id = $1`, [id]);
    return row;
  }
}

import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import type { Department } from "../../auth/department.enums";
import type { Config } from "../../config";
import { badInput, conflict, notFound } from "../../shared/errors";
import { isUuid } from "../../shared/uuid";
import { HubEventKind } from "../event/event.enums";
import type { EventService } from "../event/event.service";
import { checkWebhookUrl, retryDelayMs } from "./webhook.rules";
import { SecretBox, newWebhookSecret } from "./webhook-secret";
import { WEBHOOK_COLUMNS, type Webhook, type WebhookDelivery } from "./webhook.type";

export type WebhookSettings = Config["webhooks"];

/** A webhook a worker holds the lease of: where it stands and whom it delivers for. */
export interface ClaimedWebhook {
  id: string;
  url: string;
  kinds: HubEventKind[];
  secret: string;
  /** The last event it has handled. */
  cursor: string;
  /** Failed attempts at the event after the cursor. */
  attempts: number;
  failingSince: Date | null;
  /** The newest committed event when it was claimed: nothing at or below it is still to come. */
  horizon: string;
  owner: AgencyActor;
  lease: string;
}

const MAX_DELIVERY_PAGE = 100;
const MAX_ERROR_TEXT = 300;

/** Registering webhooks and keeping their delivery state (the worker that delivers is server/webhook-dispatcher.ts). */
export class WebhookService {
  private readonly box: SecretBox | null;

  constructor(
    private readonly db: DataSource,
    private readonly settings: WebhookSettings,
    masterKey: Buffer | null,
    private readonly events: EventService,
  ) {
    this.box = masterKey ? new SecretBox(masterKey) : null;
  }

  private sealer(): SecretBox {
    // Only a process that read the hub's key file (the server) handles secrets.
    if (!this.box) throw new Error("webhook secrets need the hub's key file");
    return this.box;
  }

  async register(actor: AgencyActor, url: string, kinds: readonly HubEventKind[]): Promise<{ webhook: Webhook; secret: string }> {
    const target = checkWebhookUrl(url, this.settings.allowedHosts);
    const unique = [...new Set(kinds)];
    if (unique.length === 0) throw badInput("kinds", "kinds must name at least one event kind to deliver.");
    const secret = newWebhookSecret();
    return this.db.transaction(async (tx) => {
      // Serializes an agency's registrations, so the cap holds under concurrent calls.
      await tx.query(`SELECT 1 FROM agency WHERE id = $1 FOR UPDATE`, [actor.agencyId]);
      const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM webhook WHERE agency_id = $1 AND removed_at IS NULL`, [actor.agencyId]);
      if (n >= this.settings.maxPerAgency) {
        throw conflict(`An agency may register at most ${this.settings.maxPerAgency} webhooks; remove one first.`, "url");
      }
      // Deliveries start with the events committed after registration.
      const [webhook] = await tx.query(
        `INSERT INTO webhook AS w (agency_id, url, kinds, secret, cursor)
         VALUES ($1, $2, $3, $4, (SELECT coalesce(max(id), 0) FROM hub_event)) RETURNING ${WEBHOOK_COLUMNS}`,
        [actor.agencyId, target.toString(), unique, this.sealer().seal(secret)],
      );
      return { webhook, secret };
    });
  }

  /** The caller's webhooks (removed ones are gone from the list; switched-off ones stay, inactive). */
  list(actor: AgencyActor): Promise<Webhook[]> {
    return this.db.query(`SELECT ${WEBHOOK_COLUMNS} FROM webhook w WHERE w.agency_id = $1 AND w.removed_at IS NULL ORDER BY w.created_at, w.id`, [actor.agencyId]);
  }

  /** Another agency's webhook is NOT_FOUND, as is one that does not exist: whether it does is not the caller's to learn. */
  async remove(actor: AgencyActor, id: string): Promise<Webhook> {
    const missing = () => notFound("No webhook of yours has this id.", "id");
    if (!isUuid(id)) throw missing();
    // TypeORM answers an UPDATE with [rows, count].
    const [[webhook]] = await this.db.query(
      `UPDATE webhook w SET removed_at = now(), active = false, lease_owner = NULL, lease_until = NULL
       WHERE w.id = $1 AND w.agency_id = $2 AND w.removed_at IS NULL RETURNING ${WEBHOOK_COLUMNS}`,
      [id, actor.agencyId],
    );
    if (!webhook) throw missing();
    return webhook;
  }

  /** The newest attempts first. */
  deliveries(webhookId: string, first: number): Promise<WebhookDelivery[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_DELIVERY_PAGE) throw badInput("first", `first must be between 1 and ${MAX_DELIVERY_PAGE}.`);
    return this.db.query(
      `SELECT event_id::text AS "eventId", attempt, status, at, error FROM webhook_delivery WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2`,
      [webhookId, first],
    );
  }

  /**
   * Leases up to `limit` webhooks that are due and have events to look at. Rows another worker
   * is claiming are skipped (SKIP LOCKED), and a lease outlives any one attempt (twice its time
   * limit and two seconds), so two workers never hold one webhook at once; a worker that dies leaves a
   * lease that expires, and the next worker resumes at the cursor (at least once).
   */
  async claim(limit: number): Promise<ClaimedWebhook[]> {
    const lease = randomUUID();
    const [rows]: [(Omit<ClaimedWebhook, "secret" | "owner" | "lease"> & { secret: Buffer; department: Department; regionCode: string; agencyId: string; name: string; scopes: string[] })[]] =
      await this.db.query(
        `WITH horizon AS (SELECT coalesce(max(id), 0) AS id FROM hub_event),
         due AS (
           SELECT w.id FROM webhook w JOIN agency a ON a.id = w.agency_id AND a.revoked_at IS NULL, horizon h
           WHERE w.active AND w.next_attempt_at <= now() AND (w.lease_until IS NULL OR w.lease_until < now()) AND w.cursor < h.id
           ORDER BY w.next_attempt_at LIMIT $1 FOR UPDATE OF w SKIP LOCKED)
         UPDATE webhook w SET lease_owner = $2, lease_until = now() + make_interval(secs => $3)
         FROM due, agency a, horizon h WHERE w.id = due.id AND a.id = w.agency_id
         RETURNING w.id, w.url, w.kinds, w.secret, w.cursor::text AS cursor, w.attempts, w.failing_since AS "failingSince",
           h.id::text AS horizon, a.id AS "agencyId", a.name, a.department, a.region_code AS "regionCode", a.scopes`,
        [limit, lease, (2 * this.settings.timeoutMs + 2_000) / 1000],
      );
    return rows.map((r) => ({
      id: r.id, url: r.url, kinds: r.kinds, cursor: r.cursor, attempts: r.attempts, failingSince: r.failingSince, horizon: r.horizon, lease,
      secret: this.sealer().open(r.secret),
      owner: { kind: "agency", agencyId: r.agencyId, name: r.name, department: r.department, regionCode: r.regionCode, scopes: r.scopes as AgencyActor["scopes"] },
    }));
  }

  /** The receiver took the event: log it and move the cursor past it. False when the lease was lost. */
  async delivered(w: ClaimedWebhook, eventId: string, status: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [moved] = await tx.query(
        `UPDATE webhook SET cursor = $3, attempts = 0, failing_since = NULL WHERE id = $1 AND lease_owner = $2 RETURNING id`,
        [w.id, w.lease, eventId],
      );
      if (!moved.length) return false;
      await tx.query(`INSERT INTO webhook_delivery (webhook_id, event_id, attempt, status) VALUES ($1, $2, $3, $4)`, [w.id, eventId, w.attempts + 1, status]);
      w.cursor = eventId;
      w.attempts = 0;
      w.failingSince = null;
      return true;
    });
  }

  /**
   * The attempt failed: log it and wait before the next (retryDelayMs). Once the event has been
   * failing for the whole window (24 h by default) the webhook is switched off and its owner
   * told, in the same transaction.
   */
  async failed(w: ClaimedWebhook, eventId: string, status: number | null, error: string): Promise<"retrying" | "deactivated"> {
    const attempt = w.attempts + 1;
    const since = w.failingSince ?? new Date();
    const giveUp = Date.now() - since.getTime() >= this.settings.giveUpMs;
    return this.db.transaction(async (tx) => {
      await tx.query(`INSERT INTO webhook_delivery (webhook_id, event_id, attempt, status, error) VALUES ($1, $2, $3, $4, $5)`,
        [w.id, eventId, attempt, status, error.slice(0, MAX_ERROR_TEXT)]);
      if (!giveUp) {
        await tx.query(
          `UPDATE webhook SET attempts = $3, failing_since = $4, next_attempt_at = now() + make_interval(secs => $5), lease_owner = NULL, lease_until = NULL
           WHERE id = $1 AND lease_owner = $2`,
          [w.id, w.lease, attempt, since, retryDelayMs(attempt, this.settings.retryBaseMs) / 1000],
        );
        return "retrying";
      }
      const [off] = await tx.query(
        `UPDATE webhook SET attempts = $3, active = false, deactivated_at = now(), lease_owner = NULL, lease_until = NULL
         WHERE id = $1 AND lease_owner = $2 RETURNING id`,
        [w.id, w.lease, attempt],
      );
      if (off.length) {
        await this.events.append(tx, [{
          kind: HubEventKind.WEBHOOK_DEACTIVATED, departments: [w.owner.department], enterpriseId: null, agencyId: w.owner.agencyId,
          summary: `Your webhook to ${w.url} was switched off: event ${eventId} could not be delivered for ${Math.round(this.settings.giveUpMs / 3_600_000 * 10) / 10} h (${attempt} attempts; last: ${error.slice(0, 120)}). Register it again once the receiver is back.`,
        }]);
      }
      return "deactivated";
    });
  }

  /** Every event up to the claim's horizon has been handled: the cursor moves there, and the lease ends. */
  async release(w: ClaimedWebhook, caughtUp: boolean): Promise<void> {
    await this.db.query(
      `UPDATE webhook SET cursor = CASE WHEN $3 THEN greatest(cursor, $4::bigint) ELSE cursor END, lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND lease_owner = $2`,
      [w.id, w.lease, caughtUp, w.horizon],
    );
  }
}

import { createHash, createHmac, randomBytes } from "node:crypto";
import type { DataSource } from "typeorm";
import type { Actor, AgencyActor } from "../../auth/actor";
import type { Department } from "../../auth/department.enums";
import { inTransaction } from "../../db/transaction";
import { SqlParams } from "../../db/loader";
import { today } from "../../shared/clock";
import { badInput, forbidden, notFound, rateLimited } from "../../shared/errors";
import { type Page, checkFirst, cursorCodec, cursorInstant } from "../../shared/pagination";
import { PROVINCE_CODE, regionCodeProblem } from "../../shared/region";
import { isUuid } from "../../shared/uuid";
import { requiredText } from "../../shared/validation";
import { HubEventKind } from "../event/event.enums";
import type { EventService } from "../event/event.service";
import type { StandingService } from "../standing/standing.service";
import { TipStatus } from "./tip.enums";
import { handlesTip, readableTips } from "./tip.rules";
import { TIP_COLUMNS, type Tip, type TipInput, type TipProgress, type TipReceipt } from "./tip.type";

export interface TipSettings {
  /** Tips one client address may submit per hour. */
  ratePerHour: number;
  /** Departments each category is routed to (in the tip's city). */
  routing: Readonly<Record<string, readonly Department[]>>;
}

const tipCursor = cursorCodec("tip", ["instant", "uuid"]);
// The same tip sent again within this window (a double click, a retry) is the same tip.
const REPLAY_SECONDS = 60;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
// Statuses a handler sets; RECEIVED and ROUTED are the hub's.
const HANDLER_STATUSES = new Set([TipStatus.IN_PROGRESS, TipStatus.SUBSTANTIATED, TipStatus.UNSUBSTANTIATED, TipStatus.CLOSED]);

/** Tip-offs (举报): submitted by anyone, routed by category, handled by the routed departments. */
export class TipService {
  private readonly addressKey: Buffer;

  constructor(
    private readonly db: DataSource,
    private readonly settings: TipSettings,
    masterKey: Buffer | null,
    private readonly events: EventService,
    private readonly standing: StandingService,
  ) {
    // Client addresses are counted, never stored: only a keyed hash of each, per hour.
    this.addressKey = masterKey ?? randomBytes(32);
  }

  /**
   * Anyone (no key) submits a tip: checked first, then, in one transaction, a replay within a
   * minute returns the same tip with a second secret; otherwise the address's hourly count is
   * taken (RATE_LIMITED beyond HUB_TIP_RATE_PER_HOUR, counted in the database, so across
   * instances) and the tip is stored, routed and announced (TIP_ROUTED). Text is stored as sent
   * and always returned as text.
   */
  async submit(input: TipInput, clientAddress: string): Promise<TipReceipt> {
    const enterpriseName = requiredText(input.enterpriseName, "input.enterpriseName", 200);
    const description = requiredText(input.description, "input.description", 2000);
    const contact = input.contact == null || input.contact.trim() === "" ? null : requiredText(input.contact, "input.contact", 200);
    const regionProblem = regionCodeProblem(input.regionCode);
    if (regionProblem) throw badInput("input.regionCode", regionProblem);
    if (input.regionCode === PROVINCE_CODE) throw badInput("input.regionCode", "Name the city or county where the hazard is, not the province.");
    const routedTo = this.settings.routing[input.category];
    const fingerprint = sha256(JSON.stringify([input.category, input.regionCode, enterpriseName, input.creditCode ?? null, description, contact]));
    const secret = randomBytes(18).toString("base64url");
    return inTransaction(this.db, async (tx) => {
      // Concurrent replays of one text take turns here, so that they find each other.
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [fingerprint]);
      const [replayed] = await tx.query(
        `SELECT id, tracking_number AS "trackingNumber" FROM tip WHERE fingerprint = $1 AND received_at > now() - make_interval(secs => $2)
         ORDER BY received_at DESC LIMIT 1`,
        [fingerprint, REPLAY_SECONDS],
      );
      if (replayed) {
        await tx.query(`INSERT INTO tip_secret (tip_id, secret_hash) VALUES ($1, $2)`, [replayed.id, sha256(secret)]);
        return { trackingNumber: replayed.trackingNumber, secret };
      }
      const addressHash = createHmac("sha256", this.addressKey).update(clientAddress).digest("hex");
      const [{ n }] = await tx.query(
        `INSERT INTO tip_rate (address_hash, hour, n) VALUES ($1, date_trunc('hour', now()), 1)
         ON CONFLICT (address_hash, hour) DO UPDATE SET n = tip_rate.n + 1 RETURNING n`,
        [addressHash],
      );
      if (n > this.settings.ratePerHour) {
        const wait = 3600 - (Math.floor(Date.now() / 1000) % 3600);
        throw rateLimited(`At most ${this.settings.ratePerHour} tip-offs per hour from one address; try again in ${Math.ceil(wait / 60)} minutes.`, wait);
      }
      await tx.query(`DELETE FROM tip_rate WHERE hour < date_trunc('hour', now()) - interval '1 hour'`);
      const [{ seq }] = await tx.query(`SELECT nextval('tip_number_seq')::text AS seq`);
      const trackingNumber = `JB${today().replaceAll("-", "")}${seq.padStart(6, "0")}`;
      const [tip] = await tx.query(
        `INSERT INTO tip (tracking_number, enterprise_id, credit_code, enterprise_name, region_code, category, description, contact, routed_to, status, fingerprint)
         VALUES ($1,
           (SELECT e.id FROM enterprise e WHERE ($2::char(18) IS NOT NULL AND e.credit_code = $2)
              OR ($2 IS NULL AND e.name = $3 AND substr(e.region_code, 1, 4) = substr($4, 1, 4)) LIMIT 1),
           $2, $3, $4, $5, $6, $7, $8, 'ROUTED', $9)
         RETURNING id, enterprise_id AS "enterpriseId"`,
        [trackingNumber, input.creditCode ?? null, enterpriseName, input.regionCode, input.category, description, contact, routedTo, fingerprint],
      );
      await tx.query(`INSERT INTO tip_secret (tip_id, secret_hash) VALUES ($1, $2)`, [tip.id, sha256(secret)]);
      await this.events.append(tx, [{
        kind: HubEventKind.TIP_ROUTED, departments: routedTo, enterpriseId: tip.enterpriseId, regionCode: input.regionCode, tipId: tip.id,
        summary: `Tip-off ${trackingNumber} (${input.category}) about ${enterpriseName.slice(0, 100)} was routed to you.`,
      }]);
      return { trackingNumber, secret };
    });
  }

  /**
   * What the reporter learns with number and secret. A wrong secret and an unknown number are the
   * same NOT_FOUND, from the same single statement.
   */
  async progress(trackingNumber: string, secret: string): Promise<TipProgress> {
    const [row] = await this.db.query(
      `SELECT t.tracking_number AS "trackingNumber", t.status, t.received_at AS "receivedAt", t.updated_at AS "updatedAt", t.outcome
       FROM tip t JOIN tip_secret s ON s.tip_id = t.id AND s.secret_hash = $2 WHERE t.tracking_number = $1`,
      [trackingNumber.slice(0, 64), sha256(secret)],
    );
    if (!row) throw notFound("No tip-off has this tracking number and secret.", "trackingNumber");
    return row;
  }

  /** `tips`: newest first, as the row rule lets the caller read them. */
  async list(actor: Actor, status: TipStatus | null, first: number, after: string | null): Promise<Page<Tip>> {
    checkFirst(first);
    const params = new SqlParams();
    const where = [readableTips(actor, params)];
    if (status) where.push(`t.status = ${params.add(status)}`);
    const counted = [...where];
    const countValues = [...params.values];
    if (after) {
      const [at, id] = tipCursor.decode(after);
      where.push(`(t.received_at, t.id) < (${params.add(at)}::timestamptz, ${params.add(id)}::uuid)`);
    }
    const rows: (Tip & { cursorAt: string })[] = await this.db.query(
      `SELECT ${TIP_COLUMNS}, ${cursorInstant("t.received_at")} AS "cursorAt" FROM tip t WHERE ${where.join(" AND ")}
       ORDER BY t.received_at DESC, t.id DESC LIMIT ${params.add(first + 1)}`,
      params.values,
    );
    return {
      nodes: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursorOf: (t) => tipCursor.encode([(t as Tip & { cursorAt: string }).cursorAt, t.id]),
      totalCount: async () => (await this.db.query(`SELECT count(*)::int AS n FROM tip t WHERE ${counted.join(" AND ")}`, countValues))[0].n,
    };
  }

  /**
   * A routed department of the tip's region sets its status and outcome. A tip the caller may
   * not read is NOT_FOUND; one it reads but does not handle (OVERSIGHT) is FORBIDDEN. A
   * SUBSTANTIATED tip counts in the enterprise's risk (weight SUBSTANTIATED_TIP).
   */
  update(actor: AgencyActor, id: string, status: TipStatus, outcome: string | null): Promise<Tip> {
    const missing = () => notFound("No tip-off you may read has this id.", "id");
    if (!isUuid(id)) throw missing();
    if (!HANDLER_STATUSES.has(status)) throw badInput("status", `A handler sets ${[...HANDLER_STATUSES].join(", ")}; ${status} is the hub's.`);
    const text = outcome == null ? null : requiredText(outcome, "outcome", 2000);
    return inTransaction(this.db, async (tx) => {
      const params = new SqlParams();
      params.add(id);
      const [tip]: Tip[] = await tx.query(`SELECT ${TIP_COLUMNS} FROM tip t WHERE t.id = $1 AND ${readableTips(actor, params)} FOR UPDATE`, params.values);
      if (!tip) throw missing();
      if (!handlesTip(actor, tip)) throw forbidden("Only a department the tip-off was routed to, in its region, handles it.");
      const [[updated]] = await tx.query(
        `UPDATE tip t SET status = $2, outcome = coalesce($3, t.outcome), updated_at = now(),
           substantiated_on = CASE WHEN $2 = 'SUBSTANTIATED' THEN coalesce(t.substantiated_on, $4::date) ELSE NULL END
         WHERE t.id = $1 RETURNING ${TIP_COLUMNS}`,
        [id, status, text, today()],
      );
      if (updated.enterpriseId) await this.standing.recompute(tx, [updated.enterpriseId]);
      return updated;
    });
  }
}

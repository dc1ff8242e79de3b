import type { DataSource, EntityManager } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { inTransaction } from "../../db/transaction";
import { addYears, today } from "../../shared/clock";
import { badInput, conflict, forbidden } from "../../shared/errors";
import { requiredText, notInFuture } from "../../shared/validation";
import { regionCovers } from "../../shared/region";
import { lockEnterpriseForWrite } from "../enterprise/enterprise.rules";
import { ResponsibleRole } from "../person/person.enums";
import type { SanctionService } from "../sanction/sanction.service";
import type { StandingService } from "../standing/standing.service";
import { mayDecideBlacklistEntry } from "./blacklist.rules";
import { BlacklistEntry, blacklistColumns } from "./blacklist-entry.type";
import { BlacklistStatus } from "./blacklist.enums";
import { inForce, lockListingEntry } from "../listing/listing.sql";
import type { BlacklistInput } from "./blacklist.inputs";
import type { EventService } from "../event/event.service";
import { HubEventKind } from "../event/event.enums";
import { listAddressees } from "../event/event.rules";

const ROLE_ORDER = Object.values(ResponsibleRole);

export class BlacklistService {
  constructor(
    private readonly db: DataSource,
    private readonly sanctions: SanctionService,
    private readonly standing: StandingService,
    private readonly events: EventService,
    private readonly validityYears: number,
  ) {}

  /** Lists the enterprise and the current holders of the chosen roles (黑名单认定). */
  addToBlacklist(actor: AgencyActor, input: BlacklistInput): Promise<BlacklistEntry[]> {
    return inTransaction(this.db, async (tx) => {
      const enterprise = await lockEnterpriseForWrite(tx, actor, input.creditCode);
      return this.createEntries(tx, actor, enterprise.id, input);
    });
  }

  /**
   * Writes the ENTERPRISE entry and its PERSON entries, distributes their tasks and marks the
   * watch ESCALATED. Runs inside the caller's transaction, enterprise locked. `escalating` is the
   * watchlist entry escalateWatchlistEntry moves: it is ESCALATED whatever the new entry's
   * validity. A direct listing escalates an ACTIVE watch only when the listing is in force: a
   * back-dated decision already past its validity is a record of the past, not a reason to end
   * the current watch.
   */
  async createEntries(
    tx: EntityManager,
    actor: AgencyActor,
    enterpriseId: string,
    input: BlacklistInput,
    escalating: string | null = null,
  ): Promise<BlacklistEntry[]> {
    const decisionNumber = requiredText(input.decisionNumber, "decisionNumber", 100);
    const reason = requiredText(input.reason, "reason");
    const now = today();
    notInFuture(input.listedOn, "listedOn", now);
    const validUntil = input.validUntil ?? addYears(input.listedOn, this.validityYears);
    if (validUntil < input.listedOn) throw badInput("validUntil", "validUntil cannot be earlier than listedOn.");
    const roles = input.includeRoles ?? ROLE_ORDER;

    const [entry] = await tx.query(
      `INSERT INTO blacklist_entry (subject_type, enterprise_id, recognized_by, agency_id, decision_number, ground, reason, listed_on, valid_until)
       VALUES ('ENTERPRISE', $1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (enterprise_id, decision_number) WHERE subject_type = 'ENTERPRISE' DO NOTHING
       RETURNING id`,
      [enterpriseId, actor.department, actor.agencyId, decisionNumber, input.ground, reason, input.listedOn, validUntil],
    );
    if (!entry) throw conflict(`Decision ${decisionNumber} has already listed this enterprise.`, "decisionNumber");

    const holders: { personId: string; role: ResponsibleRole }[] = await tx.query(
      `SELECT person_id AS "personId", role FROM responsible_person
       WHERE enterprise_id = $1 AND until IS NULL AND role = ANY($2)`,
      [enterpriseId, roles],
    );
    // A person holding several roles is listed once, under the first role in the notice's order.
    holders.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
    const firstRole = new Map<string, (typeof holders)[number]>();
    for (const h of holders) if (!firstRole.has(h.personId)) firstRole.set(h.personId, h);
    const unique = [...firstRole.values()];
    const personEntries: { id: string }[] = unique.length
      ? await tx.query(
          `INSERT INTO blacklist_entry (subject_type, enterprise_id, person_id, role, listed_with, recognized_by, agency_id,
             decision_number, ground, reason, listed_on, valid_until)
           SELECT 'PERSON', $1, x.person_id, x.role, $2, $3, $4, $5, $6, $7, $8, $9
           FROM unnest($10::uuid[], $11::text[]) AS x(person_id, role)
           RETURNING id`,
          [enterpriseId, entry.id, actor.department, actor.agencyId, decisionNumber, input.ground, reason, input.listedOn, validUntil,
            unique.map((h) => h.personId), unique.map((h) => h.role)],
        )
      : [];

    const tasks = await this.sanctions.distribute(tx, [
      { id: entry.id, subjectType: "ENTERPRISE", validUntil },
      ...personEntries.map((p) => ({ id: p.id, subjectType: "PERSON" as const, validUntil })),
    ]);
    if (escalating) {
      await tx.query(`UPDATE watchlist_entry SET state = 'ESCALATED', escalated_to = $2 WHERE id = $1`, [escalating, entry.id]);
    } else if (validUntil >= now) {
      await tx.query(
        `UPDATE watchlist_entry w SET state = 'ESCALATED', escalated_to = $2 WHERE w.enterprise_id = $1 AND ${inForce("w", "$3")}`,
        [enterpriseId, entry.id, now],
      );
    }
    await this.standing.recompute(tx, [enterpriseId]);
    // Announced last: appending events serializes the rest of the transaction (EventService).
    const [{ name, sector }] = await tx.query(`SELECT name, sector FROM enterprise WHERE id = $1`, [enterpriseId]);
    await this.events.append(tx, [
      { kind: HubEventKind.BLACKLIST_LISTED, departments: listAddressees(sector), enterpriseId,
        summary: `${name} was listed on the blacklist by ${actor.department} (${decisionNumber}).` },
      ...tasks.map((t) => ({ kind: HubEventKind.SANCTION_TASK_DISTRIBUTED, departments: [t.department], enterpriseId, sanctionTaskId: t.id,
        summary: `Apply ${t.measure} to ${name} (blacklist ${decisionNumber}) by ${t.dueOn}.` })),
    ]);
    return tx.query(
      `SELECT ${blacklistColumns("$2")} FROM blacklist_entry b WHERE b.id = $1 OR b.listed_with = $1
       ORDER BY b.subject_type, b.role, b.id`,
      [entry.id, now],
    );
  }

  /** Ends an ACTIVE listing early, with its PERSON entries; their open tasks close. */
  removeFromBlacklist(actor: AgencyActor, id: string, reason: string): Promise<BlacklistEntry> {
    const why = requiredText(reason, "reason");
    return inTransaction(this.db, async (tx) => {
      const entry = await this.lockEntry(tx, id);
      if (entry.subjectType !== "ENTERPRISE") {
        throw badInput("id", "A PERSON entry shares its enterprise entry's lifecycle: remove the enterprise entry it was listed with.");
      }
      if (!mayDecideBlacklistEntry(actor, entry.recognizedBy) || !regionCovers(actor.regionCode, entry.regionCode)) throw forbidden();
      if (entry.status !== BlacklistStatus.ACTIVE) throw conflict(`This entry is ${entry.status}, not ACTIVE.`, "id");
      return this.endEntry(tx, id, "REMOVED", why);
    });
  }

  lockEntry(tx: EntityManager, id: string, field = "id"): Promise<BlacklistEntry & { regionCode: string }> {
    return lockListingEntry(tx, { table: "blacklist_entry", alias: "b", columns: blacklistColumns, label: "blacklist entry" }, id, field);
  }

  /** Sets an enterprise entry and its PERSON entries to REMOVED or REPAIRED and closes their tasks. */
  async endEntry(tx: EntityManager, id: string, state: "REMOVED" | "REPAIRED", reason: string): Promise<BlacklistEntry> {
    const [ended] = await tx.query(
      `UPDATE blacklist_entry SET state = $2, removed_on = $3, removed_reason = $4
       WHERE (id = $1 OR listed_with = $1) AND state = 'ACTIVE' RETURNING id`,
      [id, state, today(), reason],
    );
    await this.sanctions.closeTasks(tx, (ended as { id: string }[]).map((e) => e.id));
    const [entry] = await tx.query(`SELECT ${blacklistColumns("$2")} FROM blacklist_entry b WHERE b.id = $1`, [id, today()]);
    await this.standing.recompute(tx, [entry.enterpriseId]);
    if ((ended as unknown[]).length) {
      const [{ name, sector }] = await tx.query(`SELECT name, sector FROM enterprise WHERE id = $1`, [entry.enterpriseId]);
      await this.events.append(tx, [{ kind: HubEventKind.BLACKLIST_ENDED, departments: listAddressees(sector), enterpriseId: entry.enterpriseId,
        summary: `${name}'s blacklist entry ${entry.decisionNumber} ended: ${state}.` }]);
    }
    return entry;
  }
}

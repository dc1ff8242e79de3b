import type { DataSource, EntityManager } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { inTransaction } from "../../db/transaction";
import { today } from "../../shared/clock";
import { badInput, conflict } from "../../shared/errors";
import { isUuid } from "../../shared/uuid";
import { lockEnterpriseForWrite } from "../enterprise/enterprise.rules";
import { personReference } from "./person.rules";
import type { ResponsiblePersonInput } from "./person.inputs";
import { RESPONSIBLE_PERSON_COLUMNS, ResponsiblePerson } from "./responsible-person.entity";
import { SINGLE_HOLDER_ROLES } from "./person.enums";
import { notInFuture } from "../../shared/validation";

export class PersonService {
  constructor(private readonly db: DataSource) {}

  /**
   * Makes a person the holder of a role. For single-holder roles the previous holder's term ends
   * on the new term's start; the history stays. Giving the role to its current holder changes nothing.
   */
  async setResponsiblePerson(actor: AgencyActor, input: ResponsiblePersonInput): Promise<ResponsiblePerson> {
    const ref = personReference(actor, input.personId, input.idNumber, { personId: "personId", idNumber: "idNumber" });
    if (!ref) throw badInput("personId", "Name the person by personId, or by idNumber and name.");
    let name: string | null = null;
    if (ref.idNumber !== undefined) {
      name = input.name?.trim() ?? "";
      if (!name || name.length > 100) throw badInput("name", "The person's name must have 1 to 100 characters.");
    } else if (input.name != null) {
      throw badInput("name", "A person named by personId keeps the name the hub has; leave name out.");
    }
    const since = input.since ?? today();
    notInFuture(since, "since");

    return inTransaction(this.db, async (tx) => {
      const enterprise = await lockEnterpriseForWrite(tx, actor, input.creditCode);
      const personId = ref.idNumber !== undefined ? await this.upsertPerson(tx, ref.idNumber, name!) : await this.knownPerson(tx, ref.personId);

      const holders: ResponsiblePerson[] = await tx.query(
        `SELECT ${RESPONSIBLE_PERSON_COLUMNS} FROM responsible_person rp
         WHERE rp.enterprise_id = $1 AND rp.role = $2 AND rp.until IS NULL`,
        [enterprise.id, input.role],
      );
      const already = holders.find((h) => h.personId === personId);
      if (already) return already;

      if (SINGLE_HOLDER_ROLES.includes(input.role)) {
        for (const holder of holders) {
          if (holder.since && holder.since > since) {
            throw badInput("since", `since (${since}) is before the current holder's term began (${holder.since}).`);
          }
          await tx.query(`UPDATE responsible_person SET until = $2 WHERE id = $1`, [holder.id, since]);
        }
      }
      const [created] = await tx.query(
        `INSERT INTO responsible_person AS rp (enterprise_id, person_id, role, since, recorded_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${RESPONSIBLE_PERSON_COLUMNS}`,
        [enterprise.id, personId, input.role, since, actor.agencyId],
      );
      return created;
    });
  }

  /** A person named by id must exist; ids are random, so saying so reveals nothing about anyone. */
  private async knownPerson(tx: EntityManager, personId: string): Promise<string> {
    const [person] = isUuid(personId) ? await tx.query(`SELECT id FROM person WHERE id = $1`, [personId]) : [];
    if (!person) throw badInput("personId", "No person has this id.");
    return person.id;
  }

  /** The person's id; an ID number already known under another name is a conflict, not a rename. */
  private async upsertPerson(tx: EntityManager, idNumber: string, name: string): Promise<string> {
    const [person] = await tx.query(
      `INSERT INTO person (id_number, name) VALUES ($1, $2)
       ON CONFLICT (id_number) DO UPDATE SET id_number = EXCLUDED.id_number
       RETURNING id, name`,
      [idNumber, name],
    );
    if (person.name !== name) {
      throw conflict("This ID number is registered under another name.", "name");
    }
    return person.id;
  }
}

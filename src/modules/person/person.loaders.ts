import type DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { type ProfileParts, type SqlParams, groupQueryLoader, perArguments, rowQueryLoader } from "../../db/loader";
import { ownEnterpriseOf } from "../../auth/row-policy";
import { PERSON_COLUMNS, Person } from "./person.entity";
import { RESPONSIBLE_PERSON_COLUMNS, RESPONSIBLE_PERSON_ORDER, ResponsiblePerson } from "./responsible-person.entity";
import { ResponsibleRole } from "./person.enums";
import type { Actor } from "../../auth/actor";
import type { AccessCollector } from "../../auth/access-collector";

export interface HoldersArgs {
  roles: ResponsibleRole[] | null;
  current: boolean;
}

/** The loader arguments of `Enterprise.responsiblePersons(roles, current)`: one loader per distinct set. */
export function holdersArgs(roles: readonly ResponsibleRole[] | null | undefined, current: boolean | null | undefined): HoldersArgs {
  return { roles: roles ? [...new Set(roles)].sort() : null, current: current ?? true };
}

type HolderRow = ResponsiblePerson & { person: Person };
type RawHolder = ResponsiblePerson & { personName: string; personIdNumber: string };

export function createPersonLoaders(db: DataSource, actor: Actor, audit: AccessCollector) {
  // The public audience sees only legal representatives among responsible persons; a subject sees
  // every post of its own enterprise, and of any other what the public sees.
  const publicRoles = actor.kind === "agency" ? null : [ResponsibleRole.LEGAL_REPRESENTATIVE];
  const own = ownEnterpriseOf(actor);
  const readPersons = (rows: Person[]) => {
    for (const p of rows) audit.person(p.id);
    return rows;
  };
  const personById: DataLoader<string, Person | null> = rowQueryLoader<string, Person>(db, {
    sql: (ids) => `SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = ANY(${ids})`,
    fromRows: (rows) => readPersons(rows as unknown as Person[]),
    keyOf: (p) => p.id,
  });

  // The holder's person comes in the same statement. It does not prime personById: whether the
  // priming lands before another branch's load depends on timing, and statement counts must not.
  const withPerson = (rows: RawHolder[]) =>
    rows.map(({ personName, personIdNumber, ...rp }) => {
      const person = { id: rp.personId, name: personName, idNumber: personIdNumber };
      audit.person(person.id);
      return { ...rp, person } as HolderRow;
    });
  const holderSql = (keyColumn: string, keys: string, params: SqlParams, roles: ResponsibleRole[] | null, current: boolean) => {
    const [asked, visible, ownId] = [params.add(roles), params.add(publicRoles), params.add(own)];
    return `
    SELECT ${RESPONSIBLE_PERSON_COLUMNS}, p.name AS "personName", p.id_number AS "personIdNumber"
    FROM responsible_person rp JOIN person p ON p.id = rp.person_id
    WHERE rp.${keyColumn} = ANY(${keys}) AND (${asked}::text[] IS NULL OR rp.role = ANY(${asked}))
      AND (${visible}::text[] IS NULL OR rp.enterprise_id = ${ownId}::uuid OR rp.role = ANY(${visible}))
      AND (NOT ${params.add(current)} OR rp.until IS NULL)
    ORDER BY ${RESPONSIBLE_PERSON_ORDER}`;
  };

  return {
    personById,
    personByIdNumber: rowQueryLoader<string, Person>(db, {
      sql: (numbers) => `SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id_number = ANY(${numbers})`,
      fromRows: (rows) => readPersons(rows as unknown as Person[]),
      keyOf: (p) => p.idNumber,
    }),
    holdersByEnterprise: perArguments((args: HoldersArgs) =>
      groupQueryLoader<string, HolderRow>(db, {
        sql: (ids, params) => holderSql("enterprise_id", ids, params, args.roles, args.current),
        fromRows: (rows) => withPerson(rows as unknown as RawHolder[]),
        keyOf: (rp) => rp.enterpriseId,
      }),
    ),
    rolesByPerson: perArguments((args: { current: boolean }) =>
      groupQueryLoader<string, HolderRow>(db, {
        sql: (ids, params) => holderSql("person_id", ids, params, null, args.current),
        fromRows: (rows) => withPerson(rows as unknown as RawHolder[]),
        keyOf: (rp) => rp.personId,
      }),
    ),
  };
}

export type PersonLoaders = ReturnType<typeof createPersonLoaders>;

/** `Enterprise.responsiblePersons(roles, current)` can come with its enterprise (enterprise.profile.ts). */
export const personProfileParts: ProfileParts<PersonLoaders> = {
  responsiblePersons: (a, l) => l.holdersByEnterprise(holdersArgs(a.roles as ResponsibleRole[] | null, a.current as boolean | null)).part,
};

import type { DataSource } from "typeorm";
import { inTransaction } from "../../db/transaction";
import { today } from "../../shared/clock";
import { PROVINCE_CODE } from "../../shared/region";
import type { Services } from "..";
import { DEPARTMENTS, type Department } from "../agency/department.enum";
import { generateDemoData } from "./demo-data";

export const DEMO_ENTERPRISES = 200;
export const DEMO_SEED = 20191120;
const DEMO_AGENCY_PREFIX = "Demo ";

export interface DemoSeedResult {
  enterprises: number;
  persons: number;
  penalties: number;
  firstCreditCode: string;
  agencies: { department: Department; id: string; token: string }[];
}

/**
 * Loads the demo data set (idempotent: existing rows are kept) and issues one province-level
 * demo agency per department. Earlier demo agencies are revoked, so only the printed keys work.
 */
export async function seedDemoData(
  db: DataSource,
  services: Pick<Services, "agency" | "standing">,
  size: { enterprises: number; seed: number } = { enterprises: DEMO_ENTERPRISES, seed: DEMO_SEED },
): Promise<DemoSeedResult> {
  const data = generateDemoData(size.enterprises, size.seed, today());
  await db.query(`UPDATE agency SET revoked_at = now() WHERE name LIKE $1 AND revoked_at IS NULL`, [`${DEMO_AGENCY_PREFIX}%`]);
  const created = [];
  for (const department of DEPARTMENTS) {
    const { agency, token } = await services.agency.create({
      name: `${DEMO_AGENCY_PREFIX}${department.toLowerCase().replaceAll("_", " ")}`,
      department,
      regionCode: PROVINCE_CODE,
      scopes: ["read", "write"],
    });
    created.push({ department, id: agency.id, token });
  }
  const agencyOf = new Map(created.map((a) => [a.department as string, a.id]));

  await inTransaction(db, async (tx) => {
    const e = data.enterprises;
    await tx.query(
      `INSERT INTO enterprise (credit_code, name, region_code, sector, scale, affiliation, economic_type, address)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
       ON CONFLICT (credit_code) DO NOTHING`,
      [e.map((x) => x.creditCode), e.map((x) => x.name), e.map((x) => x.regionCode), e.map((x) => x.sector),
        e.map((x) => x.scale), e.map((x) => x.affiliation), e.map((x) => x.economicType), e.map((x) => x.address)],
    );
    await tx.query(
      `INSERT INTO person (id_number, name) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT (id_number) DO NOTHING`,
      [data.persons.map((p) => p.idNumber), data.persons.map((p) => p.name)],
    );
    const h = data.holders;
    await tx.query(
      `INSERT INTO responsible_person (enterprise_id, person_id, role, since, until)
       SELECT e.id, p.id, x.role, x.since, x.until
       FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[]) AS x(code, id_number, role, since, until)
       JOIN enterprise e ON e.credit_code = x.code JOIN person p ON p.id_number = x.id_number
       WHERE NOT EXISTS (SELECT 1 FROM responsible_person rp WHERE rp.enterprise_id = e.id)`,
      [h.map((x) => x.creditCode), h.map((x) => x.idNumber), h.map((x) => x.role), h.map((x) => x.since), h.map((x) => x.until)],
    );
    const pe = data.penalties;
    await tx.query(
      `INSERT INTO penalty (enterprise_id, decision_number, department, agency_id, decided_on, violation, legal_basis,
         penalty_types, fine_amount, public_until, person_id)
       SELECT e.id, x.decision_number, x.department, x.agency_id, x.decided_on, x.violation, x.legal_basis,
         string_to_array(x.types, ','), x.fine_amount, x.public_until, p.id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[], $5::date[], $6::text[], $7::text[], $8::text[],
         $9::numeric[], $10::date[], $11::text[])
         AS x(code, decision_number, department, agency_id, decided_on, violation, legal_basis, types, fine_amount, public_until, id_number)
       JOIN enterprise e ON e.credit_code = x.code
       LEFT JOIN person p ON p.id_number = x.id_number
       ON CONFLICT (enterprise_id, decision_number) DO NOTHING`,
      [pe.map((x) => x.creditCode), pe.map((x) => x.decisionNumber), pe.map((x) => x.department),
        pe.map((x) => agencyOf.get(x.department)), pe.map((x) => x.decidedOn), pe.map((x) => x.violation),
        pe.map((x) => x.legalBasis), pe.map((x) => x.penaltyTypes.join(",")), pe.map((x) => x.fineAmount),
        pe.map((x) => x.publicUntil), pe.map((x) => x.personIdNumber)],
    );
  });
  // Grades and risk of the new enterprises, as the daily refresh would compute them.
  await services.standing.refreshAll();
  return {
    enterprises: data.enterprises.length,
    persons: data.persons.length,
    penalties: data.penalties.length,
    firstCreditCode: data.enterprises[0].creditCode,
    agencies: created,
  };
}

/** True when the database holds no enterprise and no agency yet (a first start). */
export async function isEmptyDatabase(db: DataSource): Promise<boolean> {
  const [row] = await db.query(
    `SELECT NOT EXISTS (SELECT 1 FROM enterprise) AND NOT EXISTS (SELECT 1 FROM agency) AS empty`,
  );
  return row.empty;
}

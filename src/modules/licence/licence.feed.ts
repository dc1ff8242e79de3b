import { DEPARTMENTS, type Department } from "../../auth/department.enums";
import type { ImportFeed, RowError } from "../../db/import-feed";
import { addYears } from "../../shared/clock";
import { badInput } from "../../shared/errors";
import { creditCodeField, dateField, enumField, pastDateField, textField } from "../../shared/field-checks";

interface LicenceRow {
  creditCode: string;
  licenceNumber: string;
  title: string;
  department: Department;
  issuedOn: string;
  validUntil: string | null;
}

/**
 * `hub import licences`: credit_code,licence_number,title,department,issued_on[,valid_until]. The
 * department is the issuing one named in the feed; a licence number is written once per
 * department (a re-run writes nothing twice); public for HUB_LICENCE_PUBLIC_YEARS after issue,
 * fixed when written, as recordLicence does.
 */
export function licenceFeed(publicYears: number): ImportFeed<LicenceRow> {
  return {
    name: "licences",
    columns: ["credit_code", "licence_number", "title", "department", "issued_on"],
    parse(r) {
      const issuedOn = pastDateField(r.issued_on, "issued_on");
      const validUntil = (r.valid_until ?? "").trim() ? dateField(r.valid_until, "valid_until") : null;
      if (validUntil && validUntil < issuedOn) throw badInput("valid_until", "valid_until cannot be earlier than issued_on.");
      return {
        creditCode: creditCodeField(r.credit_code),
        licenceNumber: textField(r.licence_number, "licence_number", 100)!,
        title: textField(r.title, "title", 200)!,
        department: enumField(r.department, DEPARTMENTS, "department"),
        issuedOn,
        validUntil,
      };
    },
    async write(tx, rows) {
      const codes = [...new Set(rows.map((r) => r.row.creditCode))];
      const known: { code: string; id: string }[] = await tx.query(`SELECT credit_code AS code, id FROM enterprise WHERE credit_code = ANY($1)`, [codes]);
      const idOf = new Map(known.map((k) => [k.code, k.id]));
      const errors: RowError[] = [];
      const valid = rows.filter(({ line, row }) => {
        if (idOf.has(row.creditCode)) return true;
        errors.push({ line, field: "credit_code", message: `No enterprise with credit code ${row.creditCode}; register it first.` });
        return false;
      });
      if (!valid.length) return { written: 0, errors };
      const inserted: unknown[] = await tx.query(
        `INSERT INTO administrative_licence (enterprise_id, licence_number, title, issued_by, issued_on, valid_until, public_until)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::date[], $7::date[])
         ON CONFLICT (issued_by, licence_number) DO NOTHING RETURNING id`,
        [valid.map((r) => idOf.get(r.row.creditCode)), valid.map((r) => r.row.licenceNumber), valid.map((r) => r.row.title),
          valid.map((r) => r.row.department), valid.map((r) => r.row.issuedOn), valid.map((r) => r.row.validUntil),
          valid.map((r) => addYears(r.row.issuedOn, publicYears))],
      );
      return { written: inserted.length, errors };
    },
  };
}

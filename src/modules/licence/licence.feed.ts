import { DEPARTMENTS, type Department } from "../../auth/department.enums";
import type { FeedSpec, ImportFeed, RowError } from "../../db/import-feed";
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

const MAX = { licenceNumber: 100, title: 200 } as const;

/**
 * `hub import licences`. The department is the issuing one named in the feed; a licence number is
 * written once per department (a re-run writes nothing twice); public for HUB_LICENCE_PUBLIC_YEARS
 * after issue, fixed when written, as recordLicence does.
 */
export const LICENCE_FEED_SPEC: FeedSpec = {
  name: "licences",
  summary: "administrative licences (行政许可)",
  columns: [
    { name: "credit_code", required: true, description: "the licensed enterprise's unified social credit code (18 characters); it must be registered in the hub" },
    { name: "licence_number", required: true, description: "the licence's number", maxLength: MAX.licenceNumber },
    { name: "title", required: true, description: "the licence's name, e.g. 安全生产许可证", maxLength: MAX.title },
    { name: "department", required: true, description: "the issuing department", values: DEPARTMENTS },
    { name: "issued_on", required: true, description: "the day of issue, not in the future", date: true },
    { name: "valid_until", required: false, description: "the last day it is valid, not before issued_on; empty means no end date", date: true },
  ],
  notes: [
    "A licence number already recorded for the same issuing department is skipped.",
    "Licences are public for HUB_LICENCE_PUBLIC_YEARS after issue, fixed when written.",
  ],
};

export function licenceFeed(publicYears: number): ImportFeed<LicenceRow> {
  return {
    ...LICENCE_FEED_SPEC,
    parse(r) {
      const issuedOn = pastDateField(r.issued_on, "issued_on");
      const validUntil = (r.valid_until ?? "").trim() ? dateField(r.valid_until, "valid_until") : null;
      if (validUntil && validUntil < issuedOn) throw badInput("valid_until", "valid_until cannot be earlier than issued_on.");
      return {
        creditCode: creditCodeField(r.credit_code),
        licenceNumber: textField(r.licence_number, "licence_number", MAX.licenceNumber)!,
        title: textField(r.title, "title", MAX.title)!,
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

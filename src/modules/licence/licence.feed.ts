import { DEPARTMENTS, type Department } from "../../auth/department.enums";
import { type FeedSpec, type ImportFeed, type RowError, importFeed } from "../../db/import-feed";
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
  return importFeed({
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
    staging: {
      columns: [
        { name: "credit_code", type: "bpchar" }, { name: "licence_number", type: "text" }, { name: "title", type: "text" },
        { name: "department", type: "text" }, { name: "issued_on", type: "date" }, { name: "valid_until", type: "date" },
        { name: "public_until", type: "date" },
      ],
      // Public for publicYears after issue, fixed when written.
      values: (r) => [r.creditCode, r.licenceNumber, r.title, r.department, r.issuedOn, r.validUntil, addYears(r.issuedOn, publicYears)],
    },
    async merge(tx, staged) {
      const errors: RowError[] = await tx.query(
        `SELECT s.line, 'credit_code' AS field, 'No enterprise with credit code ' || s.credit_code || '; register it first.' AS message
         FROM ${staged} s WHERE NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.credit_code = s.credit_code) ORDER BY s.line`,
      );
      // In file order: of two rows with one number from one department, the first is the one written.
      const [{ written }]: { written: number }[] = await tx.query(
        `WITH inserted AS (
           INSERT INTO administrative_licence (enterprise_id, licence_number, title, issued_by, issued_on, valid_until, public_until)
           SELECT e.id, s.licence_number, s.title, s.department, s.issued_on, s.valid_until, s.public_until
           FROM ${staged} s JOIN enterprise e ON e.credit_code = s.credit_code ORDER BY s.line
           ON CONFLICT (issued_by, licence_number) DO NOTHING RETURNING id)
         SELECT count(*)::int AS written FROM inserted`,
      );
      return { written, errors };
    },
  });
}

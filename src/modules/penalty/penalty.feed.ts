import { badInput } from "../../shared/errors";
import { idNumberProblem, normaliseIdNumber } from "../../shared/identifiers";
import { DEPARTMENTS, type Department } from "../../auth/department.enums";
import type { FeedSpec, ImportFeed } from "../../db/import-feed";
import { creditCodeField, dateField, enumField, pastDateField, textField } from "../../shared/field-checks";
import type { WatchlistService } from "../watchlist/watchlist.service";
import type { StandingService } from "../standing/standing.service";
import { PenaltyType } from "./penalty.enums";
import type { PublicationSettings } from "../../config";
import { FailingCreditSeverity } from "./penalty.enums";
import { MINOR_FINE_LIMIT, penaltySeverity, publicUntilFor } from "./penalty.rules";

interface PenaltyRow {
  creditCode: string;
  decisionNumber: string;
  department: Department;
  decidedOn: string;
  violation: string;
  legalBasis: string | null;
  penaltyTypes: PenaltyType[];
  fineAmount: string | null;
  publicUntil: string;
  severity: FailingCreditSeverity;
  personIdNumber: string | null;
}

/** Between the types of one penalty in `penalty_types`: a comma would need the value quoted. */
const TYPE_SEPARATOR = "|";
const PENALTY_TYPES = Object.values(PenaltyType);
const MAX = { decisionNumber: 100, violation: 2000, legalBasis: 2000 } as const;

/**
 * `hub import penalties`. The department is the deciding department named in the feed; rows go
 * through the same rules as recordPenalty (the person's role at the enterprise, watchlist rule,
 * grade and risk) in the batch's transaction.
 */
export const PENALTY_FEED_SPEC: FeedSpec = {
  name: "penalties",
  summary: "administrative penalty decisions (行政处罚)",
  columns: [
    { name: "credit_code", required: true, description: "the penalised enterprise's unified social credit code (18 characters); it must be registered in the hub" },
    { name: "decision_number", required: true, description: "the decision's document number (文号)", maxLength: MAX.decisionNumber },
    { name: "department", required: true, description: "the deciding department", values: DEPARTMENTS },
    { name: "decided_on", required: true, description: "the day of the decision, not in the future", date: true },
    { name: "violation", required: true, description: "what the enterprise did wrong", maxLength: MAX.violation },
    { name: "penalty_types", required: true, description: "the penalties imposed, at least one", values: PENALTY_TYPES, separator: TYPE_SEPARATOR },
    { name: "legal_basis", required: false, description: "the provisions applied", maxLength: MAX.legalBasis },
    { name: "fine_amount", required: false, description: `the fine in yuan, like 50000.00 (at most 12 digits and 2 decimals); needed when penalty_types includes ${PenaltyType.FINE}` },
    { name: "public_until", required: false, description: "the last day the public sees the penalty, not before decided_on; empty means the end of its severity's public period, which a date may only shorten (leave it empty for a MINOR penalty)", date: true },
    { name: "person_id_number", required: false, description: "the resident ID number of the responsible person, who must be known to the hub and hold or have held a role at the enterprise" },
  ],
  notes: [
    `The severity follows from penalty_types and fine_amount: SERIOUS with ${PenaltyType.REVOKE_LICENSE} or ${PenaltyType.DETENTION}; MINOR (never published) with only ${PenaltyType.WARNING}, or only a ${PenaltyType.FINE} of at most ${MINOR_FINE_LIMIT} yuan; otherwise GENERAL.`,
    "A penalty already recorded for the enterprise under the same decision_number is skipped.",
    "Each imported penalty updates the enterprise's watchlist, credit grade and risk as recordPenalty does.",
  ],
};

export function penaltyFeed(publication: PublicationSettings, watchlist: WatchlistService, standing: StandingService): ImportFeed<PenaltyRow> {
  return {
    ...PENALTY_FEED_SPEC,
    parse(r) {
      const decidedOn = pastDateField(r.decided_on, "decided_on");
      const penaltyTypes = [...new Set((r.penalty_types ?? "").split(TYPE_SEPARATOR).filter((t) => t.trim()).map((t) => enumField(t, PENALTY_TYPES, "penalty_types")))];
      if (!penaltyTypes.length) throw badInput("penalty_types", "Name at least one penalty type.");
      const fine = (r.fine_amount ?? "").trim();
      if (fine && !/^\d{1,12}(\.\d{1,2})?$/.test(fine)) throw badInput("fine_amount", `${JSON.stringify(fine)} is not an amount like 50000.00.`);
      if (penaltyTypes.includes(PenaltyType.FINE) && !fine) throw badInput("fine_amount", "A penalty that includes a FINE needs its fine_amount.");
      // The feed has no column for a serious finding: its severity follows from the types and fine.
      const severity = penaltySeverity(penaltyTypes, fine || null);
      const requested = (r.public_until ?? "").trim() ? dateField(r.public_until, "public_until") : null;
      const publicUntil = publicUntilFor(severity, decidedOn, requested, publication, "public_until", "decided_on");
      const person = (r.person_id_number ?? "").trim();
      if (person && idNumberProblem(normaliseIdNumber(person))) throw badInput("person_id_number", idNumberProblem(normaliseIdNumber(person))!);
      return {
        creditCode: creditCodeField(r.credit_code),
        decisionNumber: textField(r.decision_number, "decision_number", MAX.decisionNumber)!,
        department: enumField(r.department, DEPARTMENTS, "department"),
        decidedOn,
        violation: textField(r.violation, "violation", MAX.violation)!,
        legalBasis: textField(r.legal_basis, "legal_basis", MAX.legalBasis, false),
        penaltyTypes,
        fineAmount: fine || null,
        publicUntil,
        severity,
        personIdNumber: person ? normaliseIdNumber(person) : null,
      };
    },
    async write(tx, rows) {
      const codes = [...new Set(rows.map((r) => r.row.creditCode))];
      const known: { code: string; id: string }[] = await tx.query(`SELECT credit_code AS code, id FROM enterprise WHERE credit_code = ANY($1)`, [codes]);
      const idOf = new Map(known.map((k) => [k.code, k.id]));
      // recordPenalty's rule for the person: known to the hub, and holding or having held a role
      // at this enterprise. One query for the batch's (person, enterprise) pairs.
      const pairs = rows.filter((r) => r.row.personIdNumber && idOf.has(r.row.creditCode));
      const persons: { n: string; e: string; id: string | null; heldRole: boolean }[] = pairs.length
        ? await tx.query(
            `SELECT x.n, x.e, p.id,
               EXISTS (SELECT 1 FROM responsible_person rp WHERE rp.person_id = p.id AND rp.enterprise_id = x.e) AS "heldRole"
             FROM (SELECT DISTINCT * FROM unnest($1::bpchar[], $2::uuid[]) AS u(n, e)) x
             LEFT JOIN person p ON p.id_number = x.n`,
            [pairs.map((r) => r.row.personIdNumber), pairs.map((r) => idOf.get(r.row.creditCode))],
          )
        : [];
      const personAt = new Map(persons.map((p) => [`${p.n}|${p.e}`, p]));
      const errors = [];
      const valid = [];
      for (const r of rows) {
        const enterpriseId = idOf.get(r.row.creditCode);
        const person = r.row.personIdNumber ? personAt.get(`${r.row.personIdNumber}|${enterpriseId}`) : null;
        if (!enterpriseId) errors.push({ line: r.line, field: "credit_code", message: `No enterprise with credit code ${r.row.creditCode}.` });
        else if (person === null) valid.push({ ...r.row, personId: null });
        else if (!person?.id) errors.push({ line: r.line, field: "person_id_number", message: "No person with this ID number is known to the hub." });
        else if (!person.heldRole) {
          errors.push({ line: r.line, field: "person_id_number", message: "This person holds or held no responsible role at the enterprise." });
        } else valid.push({ ...r.row, personId: person.id });
      }
      const inserted: { enterpriseId: string }[] = valid.length
        ? await tx.query(
            `INSERT INTO penalty (enterprise_id, decision_number, department, decided_on, violation, legal_basis, penalty_types,
               fine_amount, public_until, person_id, severity)
             SELECT x.enterprise_id, x.decision_number, x.department, x.decided_on, x.violation, x.legal_basis,
               string_to_array(x.types, '|'), x.fine_amount, x.public_until, x.person_id, x.severity
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[], $6::text[], $7::text[], $8::numeric[], $9::date[], $10::uuid[], $11::text[])
               AS x(enterprise_id, decision_number, department, decided_on, violation, legal_basis, types, fine_amount, public_until, person_id, severity)
             ON CONFLICT (enterprise_id, decision_number) DO NOTHING
             RETURNING enterprise_id AS "enterpriseId"`,
            [valid.map((v) => idOf.get(v.creditCode)), valid.map((v) => v.decisionNumber), valid.map((v) => v.department),
              valid.map((v) => v.decidedOn), valid.map((v) => v.violation), valid.map((v) => v.legalBasis),
              valid.map((v) => v.penaltyTypes.join("|")), valid.map((v) => v.fineAmount), valid.map((v) => v.publicUntil),
              valid.map((v) => v.personId), valid.map((v) => v.severity)],
          )
        : [];
      const touched = [...new Set(inserted.map((i) => i.enterpriseId))].sort();
      // Sorted, so that concurrent imports lock enterprises in the same order.
      for (const id of touched) {
        await tx.query(`SELECT 1 FROM enterprise WHERE id = $1 FOR UPDATE`, [id]);
        await watchlist.applyAutomaticRule(tx, id);
      }
      await standing.recompute(tx, touched);
      return { written: inserted.length, errors };
    },
  };
}

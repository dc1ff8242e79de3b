import { badInput } from "../../shared/errors";
import { idNumberProblem, normaliseIdNumber } from "../../shared/identifiers";
import { DEPARTMENTS, type Department } from "../../auth/department.enums";
import { type FeedSpec, type ImportFeed, type RowError, importFeed } from "../../db/import-feed";
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
  return importFeed({
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
    staging: {
      columns: [
        { name: "credit_code", type: "bpchar" }, { name: "decision_number", type: "text" }, { name: "department", type: "text" },
        { name: "decided_on", type: "date" }, { name: "violation", type: "text" }, { name: "legal_basis", type: "text" },
        { name: "penalty_types", type: "text" }, { name: "fine_amount", type: "numeric" }, { name: "public_until", type: "date" },
        { name: "severity", type: "text" }, { name: "person_id_number", type: "bpchar" },
      ],
      values: (r) => [r.creditCode, r.decisionNumber, r.department, r.decidedOn, r.violation, r.legalBasis,
        r.penaltyTypes.join(TYPE_SEPARATOR), r.fineAmount, r.publicUntil, r.severity, r.personIdNumber],
    },
    async merge(tx, staged) {
      // Each staged row with its enterprise and person resolved, and recordPenalty's rule for the
      // person: known to the hub, and holding or having held a role at this enterprise.
      const resolved = `
        SELECT s.*, e.id AS enterprise_id, p.id AS person_id, CASE
          WHEN e.id IS NULL THEN 'credit_code'
          WHEN s.person_id_number IS NULL THEN NULL
          WHEN p.id IS NULL THEN 'person_unknown'
          WHEN NOT EXISTS (SELECT 1 FROM responsible_person rp WHERE rp.person_id = p.id AND rp.enterprise_id = e.id) THEN 'person_role'
        END AS refusal
        FROM ${staged} s LEFT JOIN enterprise e ON e.credit_code = s.credit_code LEFT JOIN person p ON p.id_number = s.person_id_number`;
      const errors: RowError[] = await tx.query(
        `SELECT line, CASE refusal WHEN 'credit_code' THEN 'credit_code' ELSE 'person_id_number' END AS field, CASE refusal
           WHEN 'credit_code' THEN 'No enterprise with credit code ' || credit_code || '.'
           WHEN 'person_unknown' THEN 'No person with this ID number is known to the hub.'
           ELSE 'This person holds or held no responsible role at the enterprise.' END AS message
         FROM (${resolved}) r WHERE refusal IS NOT NULL ORDER BY line`,
      );
      // In file order, so that of two rows with one decision number the first is the one written.
      const [{ written, touched }]: { written: number; touched: string[] }[] = await tx.query(
        `WITH inserted AS (
           INSERT INTO penalty (enterprise_id, decision_number, department, decided_on, violation, legal_basis, penalty_types,
             fine_amount, public_until, person_id, severity)
           SELECT enterprise_id, decision_number, department, decided_on, violation, legal_basis,
             string_to_array(penalty_types, '${TYPE_SEPARATOR}'), fine_amount, public_until, person_id, severity
           FROM (${resolved}) r WHERE refusal IS NULL ORDER BY line
           ON CONFLICT (enterprise_id, decision_number) DO NOTHING
           RETURNING enterprise_id)
         SELECT count(*)::int AS written, coalesce(array_agg(DISTINCT enterprise_id::text), '{}') AS touched FROM inserted`,
      );
      // Locked in id order (array_agg DISTINCT sorts), so that concurrent imports lock enterprises in the same order.
      await tx.query(`SELECT 1 FROM enterprise WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [touched]);
      for (const id of touched) await watchlist.applyAutomaticRule(tx, id);
      await standing.recompute(tx, touched);
      return { written, errors };
    },
  });
}

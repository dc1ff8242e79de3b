import type { DataSource } from "typeorm";
import type { AgencyActor } from "../../auth/actor";
import { addDays, today } from "../../shared/clock";
import { badInput } from "../../shared/errors";
import type { AdministrativeMatter } from "../enterprise/administrative-matter.enums";
import { type SanctionMeasure, measuresFor } from "../sanction/sanction-catalogue";
import type { MeasureCatalogueService } from "../sanction/measure-catalogue.service";
import type { SanctionMeasureCode } from "../sanction/sanction.enums";
import { CreditReviewResult, type ReviewReason } from "./review.type";
import { ReviewVerdict } from "./review.enums";
import { blacklistRepaired, inForce, watchlistRepaired } from "../listing/listing.sql";
import { countingPenalty, penaltyRepaired } from "../penalty/penalty.entity";

export const MAX_REVIEW_CODES = 1000;

interface Facts {
  ord: number;
  code: string;
  id: string | null;
  name: string | null;
  enterpriseEntry: string | null;
  /** PERSON entries in force of the current responsible persons. */
  personEntries: { entryId: string; role: string; name: string }[] | null;
  watchEntry: string | null;
  grade: string | null;
  recentPenalty: boolean;
  underObjection: boolean;
  revokedLicence: boolean;
}

/**
 * Everything a review needs, for every code of the call, in one statement. The codes are char(18)
 * like the column: as text[] the join could not use the credit code index (a scan of every
 * enterprise: 1.5 s per review at a million enterprises). A pending objection about a record an
 * approved repair took out of sharing tells no reviewer anything: that record counts for nothing
 * here, and no department but its producer may learn it existed (the CASE keeps the uuid cast to
 * the rows of that kind: a grade's objection names a credit code).
 */
const FACTS = `
SELECT i.ord::int AS ord, i.code, e.id, e.name,
  (SELECT b.id FROM blacklist_entry b WHERE b.enterprise_id = e.id AND b.subject_type = 'ENTERPRISE' AND ${inForce("b", "$2")}
     ORDER BY b.listed_on DESC, b.id LIMIT 1) AS "enterpriseEntry",
  (SELECT json_agg(json_build_object('entryId', b.id, 'role', rp.role, 'name', p.name) ORDER BY rp.role, b.id)
     FROM responsible_person rp JOIN person p ON p.id = rp.person_id
     JOIN blacklist_entry b ON b.person_id = rp.person_id AND ${inForce("b", "$2")}
     WHERE rp.enterprise_id = e.id AND rp.until IS NULL) AS "personEntries",
  (SELECT w.id FROM watchlist_entry w WHERE w.enterprise_id = e.id AND ${inForce("w", "$2")}
     ORDER BY w.listed_on DESC, w.id LIMIT 1) AS "watchEntry",
  (SELECT g.grade FROM credit_grade g WHERE g.enterprise_id = e.id) AS grade,
  EXISTS (SELECT 1 FROM penalty pe WHERE pe.enterprise_id = e.id AND ${countingPenalty("pe")} AND pe.decided_on >= $3::date) AS "recentPenalty",
  EXISTS (SELECT 1 FROM objection o WHERE o.enterprise_id = e.id AND o.status = 'PENDING'
    AND NOT EXISTS (SELECT 1 FROM penalty pe WHERE pe.id = CASE WHEN o.target = 'PENALTY' THEN o.target_id::uuid END AND ${penaltyRepaired("pe")})
    AND NOT EXISTS (SELECT 1 FROM blacklist_entry b WHERE b.id = CASE WHEN o.target = 'BLACKLIST_ENTRY' THEN o.target_id::uuid END AND ${blacklistRepaired("b")})
    AND NOT EXISTS (SELECT 1 FROM watchlist_entry w WHERE w.id = CASE WHEN o.target = 'WATCHLIST_ENTRY' THEN o.target_id::uuid END AND ${watchlistRepaired("w")})
  ) AS "underObjection",
  EXISTS (SELECT 1 FROM administrative_licence l WHERE l.enterprise_id = e.id AND l.revoked_at >= $3::date) AS "revokedLicence"
FROM unnest($1::char(18)[]) WITH ORDINALITY AS i(code, ord)
LEFT JOIN enterprise e ON e.credit_code = i.code
ORDER BY i.ord`;

const reason = (code: string, message: string, extra: Partial<ReviewReason> = {}): ReviewReason => ({
  code, message, measure: null, blacklistEntryId: null, watchlistEntryId: null, ...extra,
});

/** 信用审查: the verdict for each code, for one administrative matter, in input order. */
export class ReviewService {
  constructor(
    private readonly db: DataSource,
    private readonly windowDays: number,
    private readonly catalogue: MeasureCatalogueService,
  ) {}

  async review(actor: AgencyActor, creditCodes: string[], matter: AdministrativeMatter): Promise<CreditReviewResult[]> {
    if (creditCodes.length > MAX_REVIEW_CODES) {
      throw badInput("creditCodes", `A review takes at most ${MAX_REVIEW_CODES} credit codes; this one has ${creditCodes.length}.`);
    }
    const now = today();
    const [review] = await this.db.query(
      `INSERT INTO credit_review (agency_id, matter, codes) VALUES ($1, $2, $3) RETURNING id`,
      [actor.agencyId, matter, creditCodes.length],
    );
    const facts: Facts[] = creditCodes.length ? await this.db.query(FACTS, [creditCodes, now, addDays(now, -this.windowDays)]) : [];
    // The measures in force are those of the catalogue version in force.
    const { measures } = await this.catalogue.inForce();
    return facts.map((f) => this.judge(review.id, f, matter, measures));
  }

  private judge(reviewId: string, f: Facts, matter: AdministrativeMatter, catalogue: readonly SanctionMeasure[]): CreditReviewResult {
    const base = { reviewId, creditCode: f.code, found: f.id !== null, enterpriseName: f.name };
    if (!f.id) return { ...base, verdict: ReviewVerdict.CLEAR, reasons: [], measuresInForce: [] };

    // Measures in force: all while the enterprise is listed, plus the person measures
    // of its current legal representative's and principal's entries.
    const inForce = new Map<SanctionMeasureCode, string>();
    const byCode = new Map(catalogue.map((m) => [m.code, m]));
    if (f.enterpriseEntry) for (const m of catalogue) inForce.set(m.code, f.enterpriseEntry);
    for (const p of f.personEntries ?? []) {
      if (p.role === "LEGAL_REPRESENTATIVE" || p.role === "PRINCIPAL") {
        for (const m of measuresFor(catalogue, "PERSON")) if (!inForce.has(m.code)) inForce.set(m.code, p.entryId);
      }
    }
    const reasons: ReviewReason[] = [];
    for (const [code, entryId] of inForce) {
      if (byCode.get(code)!.matters.includes(matter)) {
        reasons.push(reason("MEASURE_IN_FORCE", `${code} is in force and applies to ${matter}.`, { measure: code, blacklistEntryId: entryId }));
      }
    }
    const restricted = reasons.length > 0;
    if (f.enterpriseEntry) reasons.push(reason("BLACKLISTED", "The enterprise is on the blacklist.", { blacklistEntryId: f.enterpriseEntry }));
    for (const p of f.personEntries ?? []) {
      reasons.push(reason("PERSON_BLACKLISTED", `${p.role} ${p.name} is on the blacklist.`, { blacklistEntryId: p.entryId }));
    }
    if (f.watchEntry) reasons.push(reason("WATCHLISTED", "The enterprise is on the watchlist.", { watchlistEntryId: f.watchEntry }));
    if (f.grade === "C" || f.grade === "D") reasons.push(reason("LOW_GRADE", `The enterprise's credit grade is ${f.grade}.`));
    if (f.recentPenalty) reasons.push(reason("RECENT_PENALTY", `The enterprise was penalised in the last ${this.windowDays} days.`));
    if (f.revokedLicence) reasons.push(reason("LICENCE_REVOKED", `A licence of the enterprise was revoked in the last ${this.windowDays} days.`));
    const verdict = restricted ? ReviewVerdict.RESTRICTED : reasons.length ? ReviewVerdict.CAUTION : ReviewVerdict.CLEAR;
    // A pending objection is told to the reviewer, but changes no verdict (异议标注).
    if (f.underObjection) reasons.push(reason("UNDER_OBJECTION", "A record of the enterprise is disputed: an objection awaits its decision."));
    return { ...base, verdict, reasons, measuresInForce: [...inForce.keys()] };
  }
}

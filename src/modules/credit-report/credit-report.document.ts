import { type DocumentNode, parse } from "graphql";

/**
 * What a credit report holds, as the GraphQL operation it is read with. The service runs it
 * through the hub's shielded schema in the issuer's own request context (see
 * CreditReportService), so a report can never show what the issuer's `/graphql` answer would
 * not: a field the shield denies comes back null and the renderer leaves it out; rows the caller
 * may not see are not in the lists. Only masked ID numbers are asked for, whoever issues: a
 * report leaves the hub on paper. The grade's detail is asked for apart from the grade
 * (`gradeDetail`), so that a denial of one cannot blank the other. The measures' titles come from
 * `sanctionMeasures` in the same operation (and under the same shield): `measuresInForce` is drawn
 * from that catalogue in force, so every code it names has its title there.
 */
const selection = (withRisk: boolean) => `
  enterprise(creditCode: $creditCode, purpose: $purpose) {
    creditCode name regionCode sector scale affiliation economicType address status
    creditGrade { grade effectiveFrom underObjection }
    gradeDetail: creditGrade { supervisionLevel inspectionsPerYear }
    ${withRisk ? "riskAssessment { level score assessedAt }" : ""}
    responsiblePersons { role since person { name idNumberMasked } }
    penalties(first: 100) {
      totalCount
      edges { node {
        decisionNumber decidedOn department violation penaltyTypes fineAmount
        severity isPublic publicUntil revoked repaired underObjection
      } }
    }
    onBlacklist
    blacklist { subjectType decisionNumber ground reason recognizedBy listedOn validUntil status underObjection person { name } }
    onWatchlist
    watchlist { basis listedBy reason listedOn validUntil status underObjection }
    measuresInForce
    licences { licenceNumber title issuedBy issuedOn validUntil status }
    objections { trackingNumber target status filedBy filedAt dueOn responsibleDepartment }
  }`;

/** The report's operation; the risk assessment only for audiences the matrix lets read it (asking others would log a denied attempt). */
export const creditReportDocument = (withRisk: boolean): DocumentNode =>
  parse(`query CreditReportContent($creditCode: CreditCode!, $purpose: AdministrativeMatter) {${selection(withRisk)}\n  sanctionMeasures { code title }\n}`);

/** The operation's answer (every field nullable where the shield may deny it). */
export interface CreditReportContent {
  enterprise: {
    creditCode: string;
    name: string;
    regionCode: string;
    sector: string;
    scale: string | null;
    affiliation: string | null;
    economicType: string | null;
    address: string | null;
    status: string;
    creditGrade: { grade: string; effectiveFrom: string; underObjection: boolean | null } | null;
    gradeDetail: { supervisionLevel: string; inspectionsPerYear: number } | null;
    riskAssessment?: { level: string; score: number; assessedAt: string } | null;
    responsiblePersons: { role: string; since: string | null; person: { name: string; idNumberMasked: string | null } | null }[] | null;
    penalties: {
      totalCount: number;
      edges: { node: {
        decisionNumber: string; decidedOn: string; department: string; violation: string; penaltyTypes: string[]; fineAmount: string | null;
        severity: string | null; isPublic: boolean; publicUntil: string; revoked: boolean; repaired: boolean | null; underObjection: boolean | null;
      } }[];
    } | null;
    onBlacklist: boolean | null;
    blacklist: {
      subjectType: string; decisionNumber: string; ground: string; reason: string; recognizedBy: string; listedOn: string; validUntil: string;
      status: string; underObjection: boolean | null; person: { name: string } | null;
    }[] | null;
    onWatchlist: boolean | null;
    watchlist: { basis: string; listedBy: string | null; reason: string; listedOn: string; validUntil: string; status: string; underObjection: boolean | null }[] | null;
    measuresInForce: string[] | null;
    licences: { licenceNumber: string; title: string; issuedBy: string; issuedOn: string; validUntil: string | null; status: string }[] | null;
    objections: { trackingNumber: string; target: string; status: string; filedBy: string; filedAt: string; dueOn: string; responsibleDepartment: string }[] | null;
  } | null;
  sanctionMeasures: { code: string; title: string }[] | null;
}

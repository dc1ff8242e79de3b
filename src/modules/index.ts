import type { NonEmptyArray } from "type-graphql";
import type { DataSource } from "typeorm";
import type { Actor } from "../auth/actor";
import type { Config } from "../config";
import type { AccessCollector } from "../auth/access-collector";
import { AccessLogResolver } from "./audit/access-log.resolver";
import { AccessLogService } from "./audit/access-log.service";
import { accidentProfileParts, createAccidentLoaders } from "./accident/accident.loaders";
import { AccidentResolver, EnterpriseAccidentsResolver } from "./accident/accident.resolver";
import { AccidentService } from "./accident/accident.service";
import { createAgencyLoaders } from "./agency/agency.loaders";
import { AgencyResolver } from "./agency/agency.resolver";
import { AgencyService } from "./agency/agency.service";
import { commitmentProfileParts, createCommitmentLoaders } from "./commitment/commitment.loaders";
import { CommitmentBreachResolver, CommitmentResolver, EnterpriseCommitmentsResolver } from "./commitment/commitment.resolver";
import { CommitmentService } from "./commitment/commitment.service";
import { createEnterpriseLoaders } from "./enterprise/enterprise.loaders";
import { EnterpriseResolver } from "./enterprise/enterprise.resolver";
import { EnterpriseService } from "./enterprise/enterprise.service";
import { createProfileLoader } from "./enterprise/enterprise.profile";
import { BlacklistService } from "./list/blacklist.service";
import { createListLoaders, listProfileParts } from "./list/list.loaders";
import { BlacklistEntryResolver, EnterpriseListsResolver, PersonListsResolver, WatchlistEntryResolver } from "./list/list.resolver";
import { WatchlistService } from "./list/watchlist.service";
import { createPenaltyLoaders, penaltyProfileParts } from "./penalty/penalty.loaders";
import { EnterprisePenaltiesResolver, PenaltyResolver } from "./penalty/penalty.resolver";
import { PenaltyService } from "./penalty/penalty.service";
import { createPersonLoaders, personProfileParts } from "./person/person.loaders";
import { EnterpriseHoldersResolver, PersonResolver, ResponsiblePersonResolver } from "./person/person.resolver";
import { PersonService } from "./person/person.service";
import { createRepairLoaders, repairProfileParts } from "./repair/repair.loaders";
import { EnterpriseRepairsResolver, RepairResolver } from "./repair/repair.resolver";
import { RepairService } from "./repair/repair.service";
import { createSanctionLoaders } from "./sanction/sanction.loaders";
import { SanctionResolver } from "./sanction/sanction.resolver";
import { SanctionService } from "./sanction/sanction.service";
import { FeedbackReportService } from "./feedback/feedback-report";
import { createFeedbackLoaders } from "./feedback/feedback.loaders";
import { EnterpriseFeedbackResolver, EntryFeedbackResolver, FeedbackResolver, TaskFeedbackResolver } from "./feedback/feedback.resolver";
import { FeedbackService } from "./feedback/feedback.service";
import { ReviewResolver } from "./review/review.resolver";
import { ReviewService } from "./review/review.service";
import { createGradeLoaders, gradeProfileParts } from "./grade/grade.loaders";
import { EnterpriseGradeResolver } from "./grade/grade.resolver";
import { GradeService } from "./grade/grade.service";
import { createRiskLoaders, riskProfileParts } from "./risk/risk.loaders";
import { EnterpriseRiskResolver, RiskAlertResolver, RiskSignalResolver } from "./risk/risk.resolver";
import { RiskService } from "./risk/risk.service";
import { RiskSignalService } from "./risk/risk-signal.service";
import { StandingService, scoringSettings } from "./standing/standing.service";

/** The modules of the hub, one line each: resolvers, services, per-request loaders. */
export const resolvers: NonEmptyArray<new () => object> = [
  AgencyResolver,
  EnterpriseResolver,
  PersonResolver, ResponsiblePersonResolver, EnterpriseHoldersResolver,
  PenaltyResolver, EnterprisePenaltiesResolver,
  CommitmentResolver, CommitmentBreachResolver, EnterpriseCommitmentsResolver,
  AccidentResolver, EnterpriseAccidentsResolver,
  EnterpriseListsResolver, PersonListsResolver, BlacklistEntryResolver, WatchlistEntryResolver,
  SanctionResolver,
  RepairResolver, EnterpriseRepairsResolver,
  EnterpriseGradeResolver,
  RiskAlertResolver, RiskSignalResolver, EnterpriseRiskResolver,
  FeedbackResolver, EnterpriseFeedbackResolver, EntryFeedbackResolver, TaskFeedbackResolver,
  ReviewResolver,
  AccessLogResolver,
];

/** `auditKey`: the access log's chain key, where the caller has read it (verification needs it). */
export function createServices(db: DataSource, config: Config, options: { auditKey?: Buffer } = {}) {
  const risk = new RiskService(db, config.risk);
  const standing = new StandingService(db, new GradeService(), risk, scoringSettings(config.risk));
  const sanction = new SanctionService(db);
  const blacklist = new BlacklistService(db, sanction, standing);
  const watchlist = new WatchlistService(db, blacklist, standing);
  return {
    agency: new AgencyService(db),
    enterprise: new EnterpriseService(db, standing),
    person: new PersonService(db),
    penalty: new PenaltyService(db, config.disclosureYears, watchlist, standing),
    commitment: new CommitmentService(db, standing),
    accident: new AccidentService(db, standing),
    sanction,
    blacklist,
    watchlist,
    repair: new RepairService(db, blacklist, watchlist),
    risk,
    riskSignal: new RiskSignalService(db, standing),
    standing,
    feedback: new FeedbackService(db),
    feedbackReport: new FeedbackReportService(db),
    review: new ReviewService(db),
    accessLog: new AccessLogService(db, options.auditKey ?? null),
  };
}

/** Built for each request and never shared between callers; row filters depend on the caller. */
export function createLoaders(db: DataSource, actor: Actor, audit: AccessCollector) {
  const loaders = createRowLoaders(db, actor, audit);
  // The Enterprise fields that can join the profile's one statement, in this (fixed) order.
  const profileParts = {
    ...personProfileParts, ...penaltyProfileParts, ...commitmentProfileParts, ...accidentProfileParts,
    ...listProfileParts, ...repairProfileParts, ...gradeProfileParts, ...riskProfileParts,
  };
  return { ...loaders, enterpriseProfile: createProfileLoader(db, actor, loaders, profileParts) };
}

function createRowLoaders(db: DataSource, actor: Actor, audit: AccessCollector) {
  return {
    ...createAgencyLoaders(db),
    ...createEnterpriseLoaders(db, audit),
    ...createPersonLoaders(db, actor, audit),
    ...createPenaltyLoaders(db, actor),
    ...createCommitmentLoaders(db),
    ...createAccidentLoaders(db),
    ...createListLoaders(db),
    ...createSanctionLoaders(db, actor),
    ...createRepairLoaders(db),
    ...createGradeLoaders(db),
    ...createRiskLoaders(db),
    ...createFeedbackLoaders(db, actor),
  };
}

export type Services = ReturnType<typeof createServices>;
export type Loaders = ReturnType<typeof createLoaders>;
export type RowLoaders = ReturnType<typeof createRowLoaders>;

// The request context's services and loaders are these (see context.ts: it imports no module).
declare module "./context" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ModuleServices extends Services {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ModuleLoaders extends Loaders {}
}

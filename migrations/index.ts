import { InitialSchema1764201600000 } from "./1764201600000-initial-schema";
import { ExternalAgencies1764288000000 } from "./1764288000000-external-agencies";
import { CreditLists1764374400000 } from "./1764374400000-credit-lists";
import { GradesAndRisk1764460800000 } from "./1764460800000-grades-and-risk";
import { FeedbackAndReview1764547200000 } from "./1764547200000-feedback-and-review";
import { AccessLog1764633600000 } from "./1764633600000-access-log";
import { EnterpriseCity1764720000000 } from "./1764720000000-enterprise-city";
import { StandingRefresh1764806400000 } from "./1764806400000-standing-refresh";
import { RiskAlertOrder1764892800000 } from "./1764892800000-risk-alert-order";
import { AccessLogAppendOnly1764979200000 } from "./1764979200000-access-log-append-only";
import { StandingRefreshSettings1765065600000 } from "./1765065600000-standing-refresh-settings";
import { AccessLogKeyed1765152000000 } from "./1765152000000-access-log-keyed";
import { LinearNameBigrams1765155000000 } from "./1765155000000-linear-name-bigrams";
import { PenaltySeverity1765200000000 } from "./1765200000000-penalty-severity";
import { SubjectRights1765300000000 } from "./1765300000000-subject-rights";
import { TaskDeadlines1765400000000 } from "./1765400000000-task-deadlines";
import { HubEvents1765500000000 } from "./1765500000000-hub-events";
import { Webhooks1765600000000 } from "./1765600000000-webhooks";
import { PublishedReports1765700000000 } from "./1765700000000-published-reports";
import { SupervisionAndTips1765800000000 } from "./1765800000000-supervision-and-tips";
import { Licences1765900000000 } from "./1765900000000-licences";
import { MeasureCatalogue1766000000000 } from "./1766000000000-measure-catalogue";
import { CreditReports1766100000000 } from "./1766100000000-credit-reports";
import { AgencyKeyNotify1766200000000 } from "./1766200000000-agency-key-notify";

/** Every migration, oldest first. Listed here so that ts-jest and the compiled hub load the same set. */
export const migrations = [
  InitialSchema1764201600000,
  ExternalAgencies1764288000000,
  CreditLists1764374400000,
  GradesAndRisk1764460800000,
  FeedbackAndReview1764547200000,
  AccessLog1764633600000,
  EnterpriseCity1764720000000,
  StandingRefresh1764806400000,
  RiskAlertOrder1764892800000,
  AccessLogAppendOnly1764979200000,
  StandingRefreshSettings1765065600000,
  AccessLogKeyed1765152000000,
  LinearNameBigrams1765155000000,
  PenaltySeverity1765200000000,
  SubjectRights1765300000000,
  TaskDeadlines1765400000000,
  HubEvents1765500000000,
  Webhooks1765600000000,
  PublishedReports1765700000000,
  SupervisionAndTips1765800000000,
  Licences1765900000000,
  MeasureCatalogue1766000000000,
  CreditReports1766100000000,
  AgencyKeyNotify1766200000000,
];

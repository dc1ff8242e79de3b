import { DEPARTMENTS, Department } from "./department.enums";

/**
 * THE permission matrix (who reads which field, who calls which mutation), as plain data.
 *
 * READ: for every type and field of the schema, the audiences that may read it. A field missing
 * here is denied to everyone (the shield's fallback) and fails the matrix test with its name.
 * WRITE: for every mutation, the departments that may call it (with a token holding `write`).
 * Row rules (which rows a department sees, whose records it may change) are not here: the shared
 * ones are in auth/row-policy.ts, a module's own in its `<domain>.rules.ts`.
 */
export type Audience = "PUBLIC" | "SUBJECT" | Department;

const { CREDIT_OFFICE, EMERGENCY_MANAGEMENT, MARKET_REGULATION } = Department;

/** Departments that read risk assessments and alerts (风险预警). */
export const RISK: readonly Audience[] = [CREDIT_OFFICE, EMERGENCY_MANAGEMENT, MARKET_REGULATION];
/** Any department (政府部门). */
export const GOV: readonly Audience[] = DEPARTMENTS;
/** Departments entitled to full resident ID numbers. */
export const ID: readonly Audience[] = [CREDIT_OFFICE, EMERGENCY_MANAGEMENT, MARKET_REGULATION];
/** Departments that oversee the lists and see every department's rows. */
export const OVERSIGHT: readonly Audience[] = [CREDIT_OFFICE, EMERGENCY_MANAGEMENT];
/**
 * An enterprise reading its own record (its own key, or a JWT with the claim `subject`). The shield
 * gives a subject this audience only for its own enterprise's records (and its post holders'); for
 * any other enterprise it is PUBLIC (auth/row-policy.ts, isOwnRecord). At the root (Query, Mutation)
 * it is SUBJECT, and the row rules keep it to its own records.
 */
export const SUBJECT = "SUBJECT" as const;
/**
 * Any department, and the subject for its own records: of its own enterprise a subject reads
 * every field a department reads except the risk assessment, sanction tasks and feedback, and full
 * ID numbers (it reads them masked).
 */
export const OWN_AND_GOV: readonly Audience[] = [SUBJECT, ...DEPARTMENTS];
/** The public portal, the subject and every department. */
export const EVERYONE: readonly Audience[] = ["PUBLIC", SUBJECT, ...DEPARTMENTS];

const everyone = (...fields: string[]) => Object.fromEntries(fields.map((f) => [f, EVERYONE]));

export const READ_POLICY: Readonly<Record<string, Readonly<Record<string, readonly Audience[]>>>> = {
  Query: {
    me: EVERYONE,
    enterprise: EVERYONE,
    // PUBLIC may not filter by onWatchlist: see ARGUMENT_POLICY.
    enterprises: EVERYONE,
    person: ID,
    sanctionMeasures: EVERYONE,
    // Own department's tasks; OVERSIGHT all (row filter in the sanction service).
    sanctionTasks: GOV,
    riskAlerts: RISK,
    creditReview: GOV,
    // Own department; OVERSIGHT any (service).
    feedbackReport: GOV,
    // Own agency's records; CREDIT_OFFICE all (row filter in the access log service).
    accessLog: GOV,
    verifyAccessLog: [CREDIT_OFFICE],
    // The subject's own enterprise; null for every other caller (resolver).
    myEnterprise: EVERYONE,
    // Responsible department's and own filings; CREDIT_OFFICE all; a subject its own (objection.rules.ts).
    objections: OWN_AND_GOV,
    // Addressed to the caller's department in its region; a subject its OBJECTION_* events (event.rules.ts).
    events: OWN_AND_GOV,
    // The calling agency's own (service).
    webhooks: GOV,
    // The archive holds every department's rows: OVERSIGHT reads it.
    publishedReports: OVERSIGHT,
    // Watched enterprises that offended again (supervision.rules.ts).
    escalationCandidates: OVERSIGHT,
    keySupervisionTargets: GOV,
    // The routed departments of the tip's region, and OVERSIGHT (tip.rules.ts).
    tips: GOV,
    // The reporter, with number and secret: anyone.
    tipStatus: EVERYONE,
    rules: GOV,
    catalogue: EVERYONE,
    myAccess: EVERYONE,
    // Anyone holding a report's number and code; a wrong pair learns nothing (service).
    verifyCreditReport: EVERYONE,
  },
  Subscription: {
    // The same events as Query.events (event.rules.ts), over WebSocket. The shield checks every
    // event as it is sent (graphql-middleware wraps the field's resolve, not its subscribe).
    events: OWN_AND_GOV,
  },
  Enterprise: {
    ...everyone("creditCode", "name", "regionCode", "sector", "scale", "affiliation", "economicType", "address", "status"),
    // PUBLIC: legal representative rows only (row filter in the person loaders).
    responsiblePersons: EVERYONE,
    // PUBLIC: disclosed, unrevoked penalties only (row filter in the penalty loaders).
    penalties: EVERYONE,
    commitments: EVERYONE,
    accidents: OWN_AND_GOV,
    onWatchlist: OWN_AND_GOV,
    watchlist: OWN_AND_GOV,
    onBlacklist: EVERYONE,
    blacklist: EVERYONE,
    measuresInForce: EVERYONE,
    repairs: OWN_AND_GOV,
    // PUBLIC: those within their public years (row filter in the licence loader).
    licences: EVERYONE,
    // The subject reads its warnings only (row rule in supervision.rules.ts).
    supervisionActions: OWN_AND_GOV,
    keySupervision: GOV,
    // PUBLIC: grade and effectiveFrom only (the CreditGrade fields below).
    creditGrade: EVERYONE,
    creditGradeHistory: OWN_AND_GOV,
    riskAssessment: RISK,
    // Own department's rows; OVERSIGHT all (row filter in the feedback loaders).
    sanctionFeedback: GOV,
    // Same row rule as Query.objections.
    objections: OWN_AND_GOV,
    // Who read the record: the subject itself and CREDIT_OFFICE.
    accessHistory: [SUBJECT, CREDIT_OFFICE],
  },
  EnterpriseConnection: everyone("edges", "pageInfo", "totalCount"),
  EnterpriseEdge: everyone("cursor", "node"),
  PageInfo: everyone("hasNextPage", "endCursor", "hasPreviousPage", "startCursor"),
  Agency: everyone("id", "name", "department", "regionCode"),
  Person: {
    ...everyone("id", "name", "onBlacklist", "blacklist"),
    idNumber: ID,
    idNumberMasked: OWN_AND_GOV,
    roles: OWN_AND_GOV,
    marketBanUntil: OWN_AND_GOV,
  },
  ResponsiblePerson: everyone("role", "person", "enterprise", "since", "until"),
  PenaltyConnection: everyone("edges", "pageInfo", "totalCount"),
  PenaltyEdge: everyone("cursor", "node"),
  AdministrativePenalty: {
    ...everyone(
      "id", "decisionNumber", "department", "decidedOn", "violation", "legalBasis", "penaltyTypes", "fineAmount",
      "publicUntil", "isPublic", "revoked", "severity", "underObjection", "repaired",
    ),
    agency: OWN_AND_GOV,
    person: OWN_AND_GOV,
  },
  CreditCommitment: {
    ...everyone("id", "kind", "content", "committedOn", "acceptedBy", "status"),
    breach: OWN_AND_GOV,
  },
  CommitmentBreach: everyone("verifiedOn", "department", "description", "penalty"),
  Accident: everyone("id", "occurredOn", "level", "deaths", "injuries", "directLoss", "description"),
  WatchlistEntry: Object.fromEntries(
    ["id", "enterprise", "basis", "listedBy", "reason", "triggeringPenalties", "listedOn", "validUntil", "warningIssuedOn", "status", "escalatedTo",
      "underObjection", "warnings"].map((f) => [f, OWN_AND_GOV]),
  ),
  BlacklistEntry: {
    ...everyone(
      "id", "subjectType", "enterprise", "person", "role", "recognizedBy", "decisionNumber", "ground", "reason", "listedOn",
      "validUntil", "status", "removedOn", "measures", "underObjection",
    ),
    // Own department's tasks and feedback; OVERSIGHT all (row filters in the loaders).
    tasks: GOV,
    feedback: GOV,
  },
  SanctionMeasure: everyone("code", "title", "implementingDepartments", "matters", "appliesToPersons"),
  // Reached through sanctionTasks and BlacklistEntry.tasks, whose rules apply.
  SanctionTask: everyone("id", "blacklistEntry", "measure", "department", "distributedAt", "status", "feedback", "dueOn", "overdue", "catalogueVersion"),
  SanctionTaskConnection: everyone("edges", "pageInfo", "totalCount"),
  SanctionTaskEdge: everyone("cursor", "node"),
  CreditRepair: everyone(
    "id", "enterprise", "blacklistEntry", "watchlistEntry", "actions", "statement", "submittedAt", "status", "decidedBy",
    "decidedAt", "decisionReason", "penalty",
  ),
  CreditGrade: {
    ...everyone("grade", "effectiveFrom", "underObjection"),
    supervisionLevel: OWN_AND_GOV,
    inspectionsPerYear: OWN_AND_GOV,
    factors: OWN_AND_GOV,
  },
  GradeFactor: everyone("code", "description"),
  RiskAssessment: everyone("score", "level", "factors", "assessedAt"),
  RiskFactor: everyone("signal", "count", "latestOn", "contribution"),
  RiskAlert: everyone("enterprise", "assessment", "raisedAt"),
  RiskAlertConnection: everyone("edges", "pageInfo", "totalCount"),
  RiskAlertEdge: everyone("cursor", "node"),
  RiskSignal: everyone("id", "enterprise", "type", "occurredOn", "source", "detail"),
  SanctionFeedback: everyone(
    "id", "task", "blacklistEntry", "measure", "department", "agency", "matter", "matterReference", "appliedOn", "outcome",
    "description", "reportedAt", "reviewId", "clientReference", "state", "supersedes", "supersededBy",
  ),
  SanctionFeedbackConnection: everyone("edges", "pageInfo", "totalCount"),
  SanctionFeedbackEdge: everyone("cursor", "node"),
  SanctionFeedbackPayload: everyone("feedback", "replayed"),
  SanctionFeedbackBatchResult: everyone("items", "accepted", "replayed", "rejected"),
  SanctionFeedbackBatchItem: everyone("index", "payload", "error"),
  BatchItemError: everyone("code", "message", "field"),
  FeedbackReport: everyone("from", "to", "rows", "tasksDistributed", "tasksReported", "tasksOverdue", "reportingRate", "mostOverdue"),
  ReportLink: everyone("url", "expiresAt"),
  FeedbackReportRow: everyone("department", "regionCode", "measure", "tasksDistributed", "tasksReported", "tasksOverdue", "applied", "partiallyApplied", "notApplied"),
  CreditReviewResult: everyone("reviewId", "creditCode", "found", "enterpriseName", "verdict", "reasons", "measuresInForce"),
  ReviewReason: everyone("code", "message", "measure", "blacklistEntry", "watchlistEntry"),
  AccessRecord: everyone("id", "at", "agency", "operationName", "purpose", "subjects", "sensitiveFields", "deniedFields", "hash", "previousHash"),
  AccessRecordConnection: everyone("edges", "pageInfo", "totalCount"),
  AccessRecordEdge: everyone("cursor", "node"),
  // Reached only through verifyAccessLog (CREDIT_OFFICE); its fields follow that rule.
  AccessLogVerification: everyone("ok", "checked", "firstBrokenId", "checkpoints", "problems"),
  // Reached through objections (row rule) and Enterprise.objections.
  Objection: everyone(
    "id", "trackingNumber", "enterprise", "target", "targetId", "responsibleDepartment", "filedBy", "grounds", "filedAt", "dueOn",
    "overdue", "status", "decidedAt", "decision",
  ),
  ObjectionConnection: everyone("edges", "pageInfo", "totalCount"),
  ObjectionEdge: everyone("cursor", "node"),
  // Reached only through events (row rule); the records an event names pass their own shields.
  HubEvent: everyone("id", "kind", "at", "enterprise", "sanctionTask", "objection", "tip", "summary"),
  HubEventConnection: everyone("edges", "pageInfo", "totalCount"),
  HubEventEdge: everyone("cursor", "node"),
  // Reached through supervisionActions and WatchlistEntry.warnings (row rule: a subject its warnings).
  SupervisionAction: everyone("id", "enterprise", "kind", "department", "regionCode", "watchlistEntry", "tip", "plannedOn", "doneOn", "outcome", "acknowledgedAt"),
  KeySupervisionTarget: everyone("id", "enterprise", "designatedBy", "reason", "since", "until", "active"),
  KeySupervisionTargetConnection: everyone("edges", "pageInfo", "totalCount"),
  KeySupervisionTargetEdge: everyone("cursor", "node"),
  WatchlistEntryConnection: everyone("edges", "pageInfo", "totalCount"),
  WatchlistEntryEdge: everyone("cursor", "node"),
  // Reached through tips, events and supervision actions (row rule in tip.rules.ts). The contact:
  // departments at the shield, and of them the routed ones of the tip's region (resolver).
  Tip: { ...everyone("id", "trackingNumber", "enterprise", "enterpriseName", "regionCode", "category", "description", "receivedAt", "routedTo", "status", "outcome"), contact: GOV },
  TipConnection: everyone("edges", "pageInfo", "totalCount"),
  TipEdge: everyone("cursor", "node"),
  TipReceipt: everyone("trackingNumber", "secret"),
  TipProgress: everyone("trackingNumber", "status", "receivedAt", "updatedAt", "outcome"),
  RuleSetting: everyone("name", "value", "description"),
  MeasureCatalogue: everyone("version", "publishedAt", "measures"),
  AdministrativeLicence: everyone("id", "licenceNumber", "title", "issuedBy", "issuedOn", "validUntil", "status", "isPublic"),
  CatalogueItem: everyone("item", "title", "category", "producers", "audiences", "disclosure", "masked"),
  Access: everyone("audience", "readable", "writable"),
  // Reached only through publishedReports (OVERSIGHT).
  PublishedReport: everyone("id", "from", "to", "publishedAt", "report"),
  // Reached only through webhooks and registerWebhook (the agency's own).
  Webhook: everyone("id", "url", "kinds", "createdAt", "active", "deliveries"),
  WebhookDelivery: everyone("eventId", "attempt", "status", "at", "error"),
  WebhookRegistration: everyone("webhook", "secret"),
  // Reached only through Enterprise.accessHistory.
  SubjectAccess: everyone("at", "department", "regionCode", "purpose", "fields"),
  SubjectAccessConnection: everyone("edges", "pageInfo", "totalCount"),
  SubjectAccessEdge: everyone("cursor", "node"),
  // Reached only through issueCreditReport (the issuer's own) and verifyCreditReport (anyone with number and code).
  CreditReportIssue: everyone("number", "verificationCode", "issuedAt", "sha256", "url"),
  CreditReportVerification: everyone("genuine", "number", "creditCode", "enterpriseName", "issuedAt", "sha256", "signature"),
};

/** Arguments some audiences may not use: using one denies the whole field (e.g. the public may not filter enterprises by their watchlist state). */
export const ARGUMENT_POLICY: Readonly<Record<string, Readonly<Record<string, readonly Audience[]>>>> = {
  "Query.enterprises": { "filter.onWatchlist": GOV },
};

/** Who may call a mutation: departments (with the write scope), and SUBJECT where a subject may. */
export const WRITE_POLICY: Readonly<Record<string, readonly (Department | typeof SUBJECT | "PUBLIC")[]>> = {
  upsertEnterprise: [MARKET_REGULATION, CREDIT_OFFICE],
  setResponsiblePerson: [MARKET_REGULATION, EMERGENCY_MANAGEMENT, CREDIT_OFFICE],
  // Any department, for itself; revoking is further limited to the recording department (service).
  recordPenalty: DEPARTMENTS,
  revokePenalty: DEPARTMENTS,
  // The accepting department is the writer; a breach only by it (service).
  recordCommitment: DEPARTMENTS,
  recordCommitmentBreach: DEPARTMENTS,
  recordAccident: [EMERGENCY_MANAGEMENT],
  addToWatchlist: OVERSIGHT as Department[],
  removeFromWatchlist: OVERSIGHT as Department[],
  escalateWatchlistEntry: OVERSIGHT as Department[],
  // The caller becomes recognizedBy; removal by it or CREDIT_OFFICE (service).
  addToBlacklist: DEPARTMENTS,
  removeFromBlacklist: DEPARTMENTS,
  submitCreditRepair: DEPARTMENTS,
  // The recognizing (or listing) department and CREDIT_OFFICE (service).
  decideCreditRepair: DEPARTMENTS,
  recordRiskSignal: [CREDIT_OFFICE, MARKET_REGULATION],
  // A department that implements the measure (service, from the catalogue); correct/retract its own.
  registerSanctionFeedback: DEPARTMENTS,
  registerSanctionFeedbackBatch: DEPARTMENTS,
  correctSanctionFeedback: DEPARTMENTS,
  retractSanctionFeedback: DEPARTMENTS,
  // A subject about its own records, or any department on a subject's behalf; withdrawal by the filer only (service).
  fileObjection: [SUBJECT, ...DEPARTMENTS],
  withdrawObjection: [SUBJECT, ...DEPARTMENTS],
  // The responsible department (the record's producer) and CREDIT_OFFICE (service).
  decideObjection: DEPARTMENTS,
  // A department for its own system; removal of its own only (service).
  registerWebhook: DEPARTMENTS,
  // The report's own rule applies to what the link opens (own department; OVERSIGHT any).
  feedbackReportLink: DEPARTMENTS,
  removeWebhook: DEPARTMENTS,
  // Any department, for enterprises of its region (service).
  recordSupervisionAction: DEPARTMENTS,
  // The enterprise itself, for a warning addressed to it (service).
  acknowledgeWarning: [SUBJECT],
  designateKeySupervisionTarget: [EMERGENCY_MANAGEMENT, CREDIT_OFFICE],
  endKeySupervisionTarget: [EMERGENCY_MANAGEMENT, CREDIT_OFFICE],
  // Open to the public (POLICY.md: no key); limits in the service.
  submitTip: ["PUBLIC", SUBJECT, ...DEPARTMENTS],
  // A routed department of the tip's region (service).
  updateTip: DEPARTMENTS,
  publishMeasureCatalogue: [CREDIT_OFFICE],
  // Any department, for itself (region rule); revoking: the issuing department (service).
  recordLicence: DEPARTMENTS,
  revokeLicence: DEPARTMENTS,
  // The subject about its own enterprise (service: another one is FORBIDDEN), or any department.
  issueCreditReport: [SUBJECT, ...DEPARTMENTS],
};

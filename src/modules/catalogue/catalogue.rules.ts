/**
 * The classification of the credit information catalogue (after the national classification of
 * public credit information): stable category codes by the type that carries the information.
 * A type not named here is SERVICE (the API's own records: pages, results, logs, events).
 */
export const CATEGORY_OF_TYPE: Readonly<Record<string, string>> = {
  Enterprise: "BASIC",
  Agency: "BASIC",
  ResponsiblePerson: "BASIC",
  Person: "PERSONAL",
  AdministrativePenalty: "FAILING_CREDIT",
  BlacklistEntry: "FAILING_CREDIT",
  WatchlistEntry: "FAILING_CREDIT",
  Accident: "FAILING_CREDIT",
  CommitmentBreach: "FAILING_CREDIT",
  RiskSignal: "FAILING_CREDIT",
  CreditCommitment: "GOOD_CREDIT",
  CreditGrade: "GOOD_CREDIT",
  GradeFactor: "GOOD_CREDIT",
  CreditRepair: "GOOD_CREDIT",
  AdministrativeLicence: "GOOD_CREDIT",
  RiskAssessment: "SUPERVISION",
  RiskFactor: "SUPERVISION",
  RiskAlert: "SUPERVISION",
  SanctionTask: "SUPERVISION",
  SanctionMeasure: "SUPERVISION",
  SanctionFeedback: "SUPERVISION",
  SupervisionAction: "SUPERVISION",
  KeySupervisionTarget: "SUPERVISION",
  Tip: "SUPERVISION",
  Objection: "SUPERVISION",
};

/** Which mutations produce the information of a type: its producers are their writers in the matrix. */
export const PRODUCED_BY: Readonly<Record<string, readonly string[]>> = {
  Enterprise: ["upsertEnterprise"],
  ResponsiblePerson: ["setResponsiblePerson"],
  Person: ["setResponsiblePerson"],
  AdministrativePenalty: ["recordPenalty"],
  BlacklistEntry: ["addToBlacklist"],
  WatchlistEntry: ["addToWatchlist"],
  Accident: ["recordAccident"],
  CreditCommitment: ["recordCommitment"],
  CommitmentBreach: ["recordCommitmentBreach"],
  RiskSignal: ["recordRiskSignal"],
  CreditRepair: ["submitCreditRepair", "decideCreditRepair"],
  SanctionFeedback: ["registerSanctionFeedback"],
  SupervisionAction: ["recordSupervisionAction"],
  KeySupervisionTarget: ["designateKeySupervisionTarget"],
  Tip: ["updateTip"],
  Objection: ["decideObjection"],
  AdministrativeLicence: ["recordLicence"],
};

/** Fields some audiences read masked (a resident ID number in full only for the ID departments; masked for the rest). */
export const MASKED_ITEMS: ReadonlySet<string> = new Set(["Person.idNumber", "Person.idNumberMasked"]);

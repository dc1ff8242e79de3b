/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Administrative matters in which credit is reviewed (信用审查) and sanctions are applied. */
export type AdministrativeMatter =
  | 'ADMINISTRATIVE_APPROVAL'
  | 'BIDDING'
  | 'FINANCING'
  | 'FUNDING'
  | 'GOVERNMENT_PROCUREMENT'
  | 'HONORS'
  | 'INSPECTION'
  | 'LAND_TRANSFER'
  | 'MARKET_ACCESS'
  | 'OTHER'
  | 'QUALIFICATION_REVIEW'
  | 'STANDARDIZATION_REVIEW';

export type CreditGradeLevel =
  | 'A'
  | 'B'
  | 'C'
  | 'D';

/** Supervising departments that take part in the hub (各设区市/省 部门). */
export type Department =
  /** 发展改革委 信用办 / 公共信用信息中心 */
  | 'CREDIT_OFFICE'
  /** 生态环境 */
  | 'ECOLOGY_ENVIRONMENT'
  /** 应急管理 (incl. 安委办) */
  | 'EMERGENCY_MANAGEMENT'
  /** 财政 (政府采购) */
  | 'FINANCE'
  /** 消防救援 */
  | 'FIRE_RESCUE'
  /** 住房和城乡建设 */
  | 'HOUSING_CONSTRUCTION'
  /** 人力资源和社会保障 (劳动用工) */
  | 'HUMAN_RESOURCES'
  /** 工业和信息化 */
  | 'INDUSTRY_IT'
  /** 市场监管 */
  | 'MARKET_REGULATION'
  /** 自然资源 (国有土地出让) */
  | 'NATURAL_RESOURCES'
  /** 交通运输 */
  | 'TRANSPORT';

export type EnterpriseFilter = {
  /** Part of the name (at least 2 characters); served by a trigram index. */
  nameContains?: string | null | undefined;
  /** Only enterprises with (true) or without (false) an ACTIVE blacklist entry. */
  onBlacklist?: boolean | null | undefined;
  /** Only enterprises with (true) or without (false) an ACTIVE watchlist entry. Government callers only. */
  onWatchlist?: boolean | null | undefined;
  /** A city code (e.g. 320600) matches every county in the city. */
  regionCode?: string | null | undefined;
  sector?: IndustrySector | null | undefined;
};

export type EnterpriseStatus =
  | 'DEREGISTERED'
  | 'OPERATING'
  | 'REVOKED'
  | 'SUSPENDED';

/** Severity of failing-credit information (失信信息); it sets whether and how long the public sees a record: MINOR never, GENERAL for a year after the decision, SERIOUS for three (configurable). */
export type FailingCreditSeverity =
  /** 一般 */
  | 'GENERAL'
  /** 轻微: not published */
  | 'MINOR'
  /** 严重 */
  | 'SERIOUS';

export type FeedbackState =
  | 'CORRECTED'
  | 'CURRENT'
  | 'RETRACTED';

export type HubEventKind =
  | 'BLACKLIST_ENDED'
  | 'BLACKLIST_LISTED'
  | 'CREDIT_GRADE_CHANGED'
  | 'ESCALATION_CANDIDATE'
  | 'OBJECTION_DECIDED'
  | 'OBJECTION_FILED'
  | 'REPAIR_DECIDED'
  | 'REPORT_PUBLISHED'
  | 'RISK_LEVEL_RAISED'
  | 'SANCTION_TASK_DISTRIBUTED'
  | 'SANCTION_TASK_OVERDUE'
  | 'TIP_ROUTED'
  | 'WATCHLIST_ENTERED'
  | 'WATCHLIST_VERIFICATION_REQUESTED'
  | 'WEBHOOK_DEACTIVATED';

/** Key industry sectors named by the notice. */
export type IndustrySector =
  | 'CIVIL_EXPLOSIVES'
  | 'COAL_MINE'
  | 'CONSTRUCTION'
  | 'FIREWORKS'
  | 'HAZARDOUS_CHEMICALS'
  | 'METALLURGY'
  | 'METAL_NONMETAL_MINE'
  | 'NON_COAL_MINE'
  | 'OTHER'
  | 'SPECIAL_EQUIPMENT'
  | 'TRANSPORTATION';

export type ObjectionInput = {
  creditCode: string;
  /** Why the record is wrong (at most 2,000 characters). */
  grounds: string;
  target: ObjectionTarget;
  /** The disputed record of this enterprise and of this kind; for CREDIT_GRADE, the enterprise's credit code. */
  targetId: string | number;
};

export type ObjectionStatus =
  | 'PENDING'
  | 'REJECTED'
  /** The objection was found right: the record is corrected or stops counting, with history kept. */
  | 'UPHELD'
  | 'WITHDRAWN';

/** Who may dispute what: the record kinds an objection can name. */
export type ObjectionTarget =
  | 'ACCIDENT'
  | 'BLACKLIST_ENTRY'
  | 'COMMITMENT_BREACH'
  | 'CREDIT_GRADE'
  | 'LICENCE'
  | 'PENALTY'
  | 'RISK_SIGNAL'
  | 'WATCHLIST_ENTRY';

/** Persons that the notice holds responsible next to the enterprise. */
export type ResponsibleRole =
  /** 负有直接责任的有关人员 */
  | 'DIRECTLY_RESPONSIBLE'
  /** 法定代表人 */
  | 'LEGAL_REPRESENTATIVE'
  /** 主要负责人 */
  | 'PRINCIPAL'
  /** 分管安全的负责人 */
  | 'SAFETY_HEAD';

export type ReviewVerdict =
  | 'CAUTION'
  | 'CLEAR'
  | 'RESTRICTED';

export type RiskLevel =
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM'
  | 'SEVERE';

export type SanctionFeedbackInput = {
  appliedOn: string;
  blacklistEntryId: string | number;
  /** The agency's own unique reference for this report; sending it again never writes twice. */
  clientReference: string;
  /** Required when the outcome is not APPLIED: why the measure was not (fully) applied. */
  description?: string | null | undefined;
  matter: AdministrativeMatter;
  matterReference?: string | null | undefined;
  measure: SanctionMeasureCode;
  outcome: SanctionOutcome;
  /** The credit review during which the measure was applied, if any. */
  reviewId?: string | number | null | undefined;
};

/** Joint sanction measures (联合惩戒措施) listed by the notice. */
export type SanctionMeasureCode =
  /** 新的违法违规行为从重处罚 */
  | 'HEAVIER_PUNISHMENT'
  /** 加大执法检查频次 */
  | 'INCREASED_INSPECTION'
  /** 约谈主要负责人, 对负责人进行安全培训 */
  | 'INTERVIEW_AND_TRAINING'
  /** 作为重点监管监察对象, 常态化暗查暗访, 不定期抽查 */
  | 'KEY_SUPERVISION'
  /** 市场禁入 */
  | 'MARKET_BAN'
  /** 法律、法规、规章规定的其他限制措施 */
  | 'OTHER_STATUTORY'
  /** 发布公告向社会公开曝光 */
  | 'PUBLIC_EXPOSURE'
  /** 工程招投标 */
  | 'RESTRICT_BIDDING'
  /** 投融资 从严审批 */
  | 'RESTRICT_FINANCING'
  /** 政府采购 */
  | 'RESTRICT_GOVERNMENT_PROCUREMENT'
  /** 授予荣誉 */
  | 'RESTRICT_HONORS'
  /** 国有土地出让 */
  | 'RESTRICT_LAND_TRANSFER'
  /** 资质审核 */
  | 'RESTRICT_QUALIFICATION'
  /** 撤销安全生产标准化证书 */
  | 'REVOKE_STANDARDIZATION_CERTIFICATE'
  /** 暂停安全生产标准化评审 */
  | 'SUSPEND_STANDARDIZATION_REVIEW';

export type SanctionOutcome =
  | 'APPLIED'
  | 'NOT_APPLIED'
  | 'PARTIALLY_APPLIED';

export type SanctionTaskStatus =
  | 'CLOSED'
  | 'OPEN'
  | 'REPORTED';

export type EventsQueryVariables = Exact<{
  after?: string | null | undefined;
  first?: number | null | undefined;
  kinds?: Array<HubEventKind> | HubEventKind | null | undefined;
}>;


export type EventsQuery = { events: { edges: Array<{ node: { id: string, kind: HubEventKind, at: string, summary: string, enterprise: { creditCode: string, name: string } | null, sanctionTask: { id: string, dueOn: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type EventStreamSubscriptionVariables = Exact<{
  after?: string | null | undefined;
  kinds?: Array<HubEventKind> | HubEventKind | null | undefined;
}>;


export type EventStreamSubscription = { events: { id: string, kind: HubEventKind, at: string, summary: string, enterprise: { creditCode: string, name: string } | null } };

export type RegisterSanctionFeedbackMutationVariables = Exact<{
  input: SanctionFeedbackInput;
}>;


export type RegisterSanctionFeedbackMutation = { registerSanctionFeedback: { replayed: boolean, feedback: { id: string, state: FeedbackState, outcome: SanctionOutcome, measure: SanctionMeasureCode, appliedOn: string, reportedAt: string, clientReference: string } } };

export type RegisterSanctionFeedbackBatchMutationVariables = Exact<{
  inputs: Array<SanctionFeedbackInput> | SanctionFeedbackInput;
}>;


export type RegisterSanctionFeedbackBatchMutation = { registerSanctionFeedbackBatch: { accepted: number, rejected: number, replayed: number, items: Array<{ index: number, payload: { replayed: boolean, feedback: { id: string, state: FeedbackState, clientReference: string } } | null, error: { code: string, field: string | null, message: string } | null }> } };

export type FeedbackReportQueryVariables = Exact<{
  from: string;
  to: string;
  department?: Department | null | undefined;
  regionCode?: string | null | undefined;
}>;


export type FeedbackReportQuery = { feedbackReport: { from: string, to: string, tasksDistributed: number, tasksReported: number, reportingRate: number, rows: Array<{ department: Department, regionCode: string, measure: SanctionMeasureCode, tasksDistributed: number, tasksReported: number, applied: number, partiallyApplied: number, notApplied: number }> } | null };

export type ObjectionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: ObjectionStatus | null | undefined;
  overdue?: boolean | null | undefined;
}>;


export type ObjectionsQuery = { objections: { totalCount: number, edges: Array<{ node: { id: string, trackingNumber: string, status: ObjectionStatus, target: ObjectionTarget, targetId: string, grounds: string, filedAt: string, dueOn: string, overdue: boolean, responsibleDepartment: Department, enterprise: { creditCode: string, name: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };

export type FileObjectionMutationVariables = Exact<{
  input: ObjectionInput;
}>;


export type FileObjectionMutation = { fileObjection: { id: string, trackingNumber: string, status: ObjectionStatus, dueOn: string, responsibleDepartment: Department } };

export type EnterpriseProfileQueryVariables = Exact<{
  creditCode: string;
}>;


export type EnterpriseProfileQuery = { enterprise: { creditCode: string, name: string, regionCode: string, sector: IndustrySector, status: EnterpriseStatus, onBlacklist: boolean, onWatchlist: boolean | null, measuresInForce: Array<SanctionMeasureCode>, creditGrade: { grade: CreditGradeLevel, effectiveFrom: string } | null, riskAssessment: { level: RiskLevel, score: number } | null, responsiblePersons: Array<{ role: ResponsibleRole, since: string | null, person: { name: string, idNumberMasked: string | null } }>, penalties: { totalCount: number, edges: Array<{ node: { id: string, decisionNumber: string, decidedOn: string, severity: FailingCreditSeverity } }> } } | null };

export type EnterprisesPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: EnterpriseFilter | null | undefined;
}>;


export type EnterprisesPageQuery = { enterprises: { totalCount: number, edges: Array<{ cursor: string, node: { creditCode: string, name: string, regionCode: string, onBlacklist: boolean } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null, hasPreviousPage: boolean, startCursor: string | null } } };

export type CreditReviewQueryVariables = Exact<{
  creditCodes: Array<string> | string;
  matter: AdministrativeMatter;
}>;


export type CreditReviewQuery = { creditReview: Array<{ reviewId: string, creditCode: string, enterpriseName: string | null, found: boolean, verdict: ReviewVerdict, measuresInForce: Array<SanctionMeasureCode>, reasons: Array<{ code: string, message: string, measure: SanctionMeasureCode | null }> }> | null };

export type SanctionTasksQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: SanctionTaskStatus | null | undefined;
  overdue?: boolean | null | undefined;
}>;


export type SanctionTasksQuery = { sanctionTasks: { totalCount: number, edges: Array<{ node: { id: string, department: Department, status: SanctionTaskStatus, overdue: boolean, dueOn: string, measure: { code: SanctionMeasureCode, title: string, matters: Array<AdministrativeMatter> }, blacklistEntry: { id: string, enterprise: { creditCode: string, name: string } } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } | null };


export const EventsDocument = {"__meta__":{"hash":"sha256:b40314f243ab84ed54dd295bef8301488c96962b76522a463a765e1c5898daba"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Events"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"HubEventKind"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sanctionTask"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<EventsQuery, EventsQueryVariables>;
export const EventStreamDocument = {"__meta__":{"hash":"sha256:7b9963d1f56063757ce2bb8bcb18e273ac8681a54400278dca09722c937d43d8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"EventStream"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"HubEventKind"}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"kinds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kinds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<EventStreamSubscription, EventStreamSubscriptionVariables>;
export const RegisterSanctionFeedbackDocument = {"__meta__":{"hash":"sha256:2fbba5279265d0a628a0f76888ccdd2aa5ddd90b8a103bf00c6e71c74f8d4dbc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterSanctionFeedback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SanctionFeedbackInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerSanctionFeedback"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"feedback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"measure"}},{"kind":"Field","name":{"kind":"Name","value":"appliedOn"}},{"kind":"Field","name":{"kind":"Name","value":"reportedAt"}},{"kind":"Field","name":{"kind":"Name","value":"clientReference"}}]}}]}}]}}]} as unknown as DocumentNode<RegisterSanctionFeedbackMutation, RegisterSanctionFeedbackMutationVariables>;
export const RegisterSanctionFeedbackBatchDocument = {"__meta__":{"hash":"sha256:6a2a64ad207c173e6797071561abc27708d12b8a73421567d42e07793816f781"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterSanctionFeedbackBatch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SanctionFeedbackInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerSanctionFeedbackBatch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"inputs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"payload"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"feedback"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"clientReference"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RegisterSanctionFeedbackBatchMutation, RegisterSanctionFeedbackBatchMutationVariables>;
export const FeedbackReportDocument = {"__meta__":{"hash":"sha256:9d0aeaca7eb6692b44dde3887eb46d2c134737fc55c4cb596ebed4859a84f39f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FeedbackReport"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"department"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Department"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"feedbackReport"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"department"},"value":{"kind":"Variable","name":{"kind":"Name","value":"department"}}},{"kind":"Argument","name":{"kind":"Name","value":"regionCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regionCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"tasksDistributed"}},{"kind":"Field","name":{"kind":"Name","value":"tasksReported"}},{"kind":"Field","name":{"kind":"Name","value":"reportingRate"}},{"kind":"Field","name":{"kind":"Name","value":"rows"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"measure"}},{"kind":"Field","name":{"kind":"Name","value":"tasksDistributed"}},{"kind":"Field","name":{"kind":"Name","value":"tasksReported"}},{"kind":"Field","name":{"kind":"Name","value":"applied"}},{"kind":"Field","name":{"kind":"Name","value":"partiallyApplied"}},{"kind":"Field","name":{"kind":"Name","value":"notApplied"}}]}}]}}]}}]} as unknown as DocumentNode<FeedbackReportQuery, FeedbackReportQueryVariables>;
export const ObjectionsDocument = {"__meta__":{"hash":"sha256:bdb65664af6919f9f7a8ccb09a57dbc7ecdb33dcb832cd93562252dbec5a62d8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Objections"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectionStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"overdue"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"objections"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"overdue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"overdue"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"grounds"}},{"kind":"Field","name":{"kind":"Name","value":"filedAt"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"responsibleDepartment"}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ObjectionsQuery, ObjectionsQueryVariables>;
export const FileObjectionDocument = {"__meta__":{"hash":"sha256:7fc995b2b9dec99b32e577ef4395241b34cf026192a4524c8ebc17dcf7d46a99"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FileObjection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ObjectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fileObjection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"trackingNumber"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"responsibleDepartment"}}]}}]}}]} as unknown as DocumentNode<FileObjectionMutation, FileObjectionMutationVariables>;
export const EnterpriseProfileDocument = {"__meta__":{"hash":"sha256:333f93b7597f0b329175c480ea0faf61547d2259155968707e3afe608f12e525"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EnterpriseProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"creditCode"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreditCode"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"creditCode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"creditCode"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"sector"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"creditGrade"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grade"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveFrom"}}]}},{"kind":"Field","name":{"kind":"Name","value":"riskAssessment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"score"}}]}},{"kind":"Field","name":{"kind":"Name","value":"onBlacklist"}},{"kind":"Field","name":{"kind":"Name","value":"onWatchlist"}},{"kind":"Field","name":{"kind":"Name","value":"measuresInForce"}},{"kind":"Field","name":{"kind":"Name","value":"responsiblePersons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"idNumberMasked"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"penalties"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decisionNumber"}},{"kind":"Field","name":{"kind":"Name","value":"decidedOn"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<EnterpriseProfileQuery, EnterpriseProfileQueryVariables>;
export const EnterprisesPageDocument = {"__meta__":{"hash":"sha256:4e5a6f16f5a1cd6a9af4e07ddbee89420fd889597e7d6fe162e0a0dd0bc34224"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EnterprisesPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EnterpriseFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"regionCode"}},{"kind":"Field","name":{"kind":"Name","value":"onBlacklist"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}}]}}]}}]}}]} as unknown as DocumentNode<EnterprisesPageQuery, EnterprisesPageQueryVariables>;
export const CreditReviewDocument = {"__meta__":{"hash":"sha256:969f46e562ff28c5b77c7b3c525cab616cbf9e3bd75570755f7b57e045735960"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CreditReview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"creditCodes"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreditCode"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"matter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AdministrativeMatter"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditReview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"creditCodes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"creditCodes"}}},{"kind":"Argument","name":{"kind":"Name","value":"matter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"matter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewId"}},{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"enterpriseName"}},{"kind":"Field","name":{"kind":"Name","value":"found"}},{"kind":"Field","name":{"kind":"Name","value":"verdict"}},{"kind":"Field","name":{"kind":"Name","value":"measuresInForce"}},{"kind":"Field","name":{"kind":"Name","value":"reasons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"measure"}}]}}]}}]}}]} as unknown as DocumentNode<CreditReviewQuery, CreditReviewQueryVariables>;
export const SanctionTasksDocument = {"__meta__":{"hash":"sha256:06c33904fe68dca4b9d8a122962abf06e8ff0abad65b836548ffef400ff02afb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SanctionTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"SanctionTaskStatus"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"overdue"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sanctionTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}},{"kind":"Argument","name":{"kind":"Name","value":"overdue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"overdue"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"department"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"overdue"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"measure"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"matters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"blacklistEntry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"enterprise"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"creditCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<SanctionTasksQuery, SanctionTasksQueryVariables>;
import { DEPARTMENTS, Department } from "../modules/agency/department.enum";

/**
 * THE permission matrix (POLICY.md, "Reading" and "Writing"), as plain data.
 *
 * READ: for every type and field of the schema, the audiences that may read it. A field missing
 * here is denied to everyone (the shield's fallback) and fails the matrix test with its name.
 * WRITE: for every mutation, the departments that may call it (with a token holding `write`).
 * Row rules (which rows a department sees, whose records it may change) live in the services.
 */
export type Audience = "PUBLIC" | Department;

const { CREDIT_OFFICE, EMERGENCY_MANAGEMENT, MARKET_REGULATION } = Department;

/** Any department (政府部门). */
export const GOV: readonly Audience[] = DEPARTMENTS;
/** Departments entitled to full resident ID numbers. */
export const ID: readonly Audience[] = [CREDIT_OFFICE, EMERGENCY_MANAGEMENT, MARKET_REGULATION];
/** Departments that oversee the lists and see every department's rows. */
export const OVERSIGHT: readonly Audience[] = [CREDIT_OFFICE, EMERGENCY_MANAGEMENT];
/** The public portal and every department. */
export const EVERYONE: readonly Audience[] = ["PUBLIC", ...DEPARTMENTS];

const everyone = (...fields: string[]) => Object.fromEntries(fields.map((f) => [f, EVERYONE]));

export const READ_POLICY: Readonly<Record<string, Readonly<Record<string, readonly Audience[]>>>> = {
  Query: {
    me: EVERYONE,
    enterprise: EVERYONE,
    enterprises: EVERYONE,
    person: ID,
  },
  Enterprise: {
    ...everyone("creditCode", "name", "regionCode", "sector", "scale", "affiliation", "economicType", "address", "status"),
    // PUBLIC: legal representative rows only (row filter in the person loaders).
    responsiblePersons: EVERYONE,
    // PUBLIC: disclosed, unrevoked penalties only (row filter in the penalty loaders).
    penalties: EVERYONE,
  },
  EnterpriseConnection: everyone("edges", "pageInfo", "totalCount"),
  EnterpriseEdge: everyone("cursor", "node"),
  PageInfo: everyone("hasNextPage", "endCursor"),
  Agency: everyone("id", "name", "department", "regionCode"),
  Person: {
    ...everyone("id", "name"),
    idNumber: ID,
    idNumberMasked: GOV,
    roles: GOV,
  },
  ResponsiblePerson: everyone("role", "person", "enterprise", "since", "until"),
  PenaltyConnection: everyone("edges", "pageInfo", "totalCount"),
  PenaltyEdge: everyone("cursor", "node"),
  AdministrativePenalty: {
    ...everyone(
      "id", "decisionNumber", "department", "decidedOn", "violation", "legalBasis", "penaltyTypes", "fineAmount",
      "publicUntil", "isPublic", "revoked",
    ),
    agency: GOV,
    person: GOV,
  },
};

export const WRITE_POLICY: Readonly<Record<string, readonly Department[]>> = {
  upsertEnterprise: [MARKET_REGULATION, CREDIT_OFFICE],
  setResponsiblePerson: [MARKET_REGULATION, EMERGENCY_MANAGEMENT, CREDIT_OFFICE],
  // Any department, for itself; revoking is further limited to the recording department (service).
  recordPenalty: DEPARTMENTS,
  revokePenalty: DEPARTMENTS,
};

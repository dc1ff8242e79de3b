import type { Department } from "./department.enums";

/** What an agency's key or token allows: reading, and writing within its department and region. */
export type Scope = "read" | "write";

/**
 * Who makes a call: an agency (API key or JWT), an enterprise reading its own record (a subject:
 * its own key, or a JWT with the claim `subject`), or the anonymous public audience.
 */
export type Actor = PublicActor | AgencyActor | SubjectActor;

export interface PublicActor {
  kind: "public";
}

export interface AgencyActor {
  kind: "agency";
  agencyId: string;
  name: string;
  department: Department;
  regionCode: string;
  scopes: readonly Scope[];
}

/**
 * An enterprise calling about itself. It is the SUBJECT audience for its own enterprise's records
 * (and for the persons who hold or held a post in it), and the public audience for everything else.
 */
export interface SubjectActor {
  kind: "subject";
  /** The subject key's id, or `issuer#sub` for a JWT. */
  subjectId: string;
  enterpriseId: string;
  creditCode: string;
  /** The persons who hold or held a post in the enterprise: their records are its own too. */
  personIds: ReadonlySet<string>;
}

export const PUBLIC: PublicActor = Object.freeze({ kind: "public" });

/** Whose budget a request draws on (rate limit, subscriptions per key): the agency, the enterprise, or the public caller's address. */
export const callerKeyOf = (actor: Actor, address: string): string =>
  actor.kind === "agency" ? actor.agencyId : actor.kind === "subject" ? `subject:${actor.enterpriseId}` : `public:${address}`;

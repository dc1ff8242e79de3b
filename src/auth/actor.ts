import type { Department } from "./department.enums";

/** What an agency's key or token allows: reading, and writing within its department and region. */
export type Scope = "read" | "write";

/** Who makes a call: an agency (API key or JWT) or the anonymous public audience. */
export type Actor = PublicActor | AgencyActor;

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

export const PUBLIC: PublicActor = Object.freeze({ kind: "public" });

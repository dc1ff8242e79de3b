import type { Department } from "../modules/agency/department.enum";
import type { Scope } from "../modules/agency/agency.entity";

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

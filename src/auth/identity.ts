import { unauthenticated } from "../shared/errors";
import { type Actor, type AgencyActor, PUBLIC, type SubjectActor } from "./actor";
import { looksLikeApiKey, looksLikeSubjectKey } from "./api-key";
import { type JwtIdentity, type JwtSubject, type JwtVerifier, isJwtSubject, looksLikeJwt } from "./jwt";

/** A live agency as the directory finds it. */
export type AgencyIdentity = Pick<AgencyActor, "name" | "department" | "regionCode" | "scopes"> & { id: string };

/** What identifying a caller needs from the agency directory (the agency module provides it). */
export interface AgencyDirectory {
  /** The agency of a live (not revoked) API key, or null. */
  findByKey(token: string): Promise<AgencyIdentity | null>;
  /** The agency a verified token names, created on its first call; null when it was revoked. */
  ensureExternal(identity: JwtIdentity): Promise<AgencyIdentity | null>;
}

/** What identifying an enterprise calling about itself needs (the subject module provides it). */
export interface SubjectDirectory {
  /** The enterprise of a live (not revoked) subject key, or null. */
  findByKey(token: string): Promise<SubjectActor | null>;
  /** The enterprise a verified token names by its credit code, or null when the hub does not know it. */
  findByClaim(identity: JwtSubject): Promise<SubjectActor | null>;
}


/**
 * Who is calling: an API key (hub_…) or, when an issuer is configured, a signed JWT. No Authorization header is the public audience (when public access is on);
 * a header that does not identify a live agency is UNAUTHENTICATED, never public.
 */
export async function resolveActor(
  authorization: string | undefined,
  agencies: AgencyDirectory,
  publicAccess: boolean,
  verifyJwt: JwtVerifier | null,
  subjects?: SubjectDirectory,
): Promise<Actor> {
  if (authorization === undefined || authorization === "") {
    if (!publicAccess) throw unauthenticated("This hub requires an API key: send Authorization: Bearer <key>.");
    return PUBLIC;
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated("The Authorization header must be: Bearer <key>.");
  const token = match[1];
  const invalid = () => unauthenticated("The token is not valid, has expired or has been revoked.");
  let agency: AgencyIdentity | null = null;
  if (looksLikeApiKey(token)) {
    agency = await agencies.findByKey(token);
  } else if (looksLikeSubjectKey(token)) {
    const subject = subjects ? await subjects.findByKey(token) : null;
    if (!subject) throw invalid();
    return subject;
  } else if (verifyJwt && looksLikeJwt(token)) {
    const identity = await verifyJwt(token);
    if (identity && isJwtSubject(identity)) {
      const subject = subjects ? await subjects.findByClaim(identity) : null;
      if (!subject) throw invalid();
      return subject;
    }
    agency = identity && (await agencies.ensureExternal(identity));
  }
  if (!agency) throw invalid();
  return agencyActorOf(agency);
}

/** The caller an agency is, as its key (or a link it issued) makes it. */
export function agencyActorOf(agency: AgencyIdentity): AgencyActor {
  return { kind: "agency", agencyId: agency.id, name: agency.name, department: agency.department, regionCode: agency.regionCode, scopes: agency.scopes };
}

import { DomainError, ErrorCode } from "../shared/errors";
import { type Actor, type AgencyActor, PUBLIC } from "./actor";
import { looksLikeApiKey } from "./api-key";
import { type JwtIdentity, type JwtVerifier, looksLikeJwt } from "./jwt";

/** A live agency as the directory finds it. */
export type AgencyIdentity = Pick<AgencyActor, "name" | "department" | "regionCode" | "scopes"> & { id: string };

/** What identifying a caller needs from the agency directory (the agency module provides it). */
export interface AgencyDirectory {
  /** The agency of a live (not revoked) API key, or null. */
  findByKey(token: string): Promise<AgencyIdentity | null>;
  /** The agency a verified token names, created on its first call; null when it was revoked. */
  ensureExternal(identity: JwtIdentity): Promise<AgencyIdentity | null>;
}

const unauthenticated = (message: string) => new DomainError(ErrorCode.UNAUTHENTICATED, message);

/**
 * Who is calling: an API key (hub_…) or, when an issuer is configured, a signed JWT. No Authorization header is the public audience (when public access is on);
 * a header that does not identify a live agency is UNAUTHENTICATED, never public.
 */
export async function resolveActor(
  authorization: string | undefined,
  agencies: AgencyDirectory,
  publicAccess: boolean,
  verifyJwt: JwtVerifier | null,
): Promise<Actor> {
  if (authorization === undefined || authorization === "") {
    if (!publicAccess) throw unauthenticated("This hub requires an API key: send Authorization: Bearer <key>.");
    return PUBLIC;
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated("The Authorization header must be: Bearer <key>.");
  const token = match[1];
  let agency: AgencyIdentity | null = null;
  if (looksLikeApiKey(token)) {
    agency = await agencies.findByKey(token);
  } else if (verifyJwt && looksLikeJwt(token)) {
    const identity = await verifyJwt(token);
    agency = identity && (await agencies.ensureExternal(identity));
  }
  if (!agency) throw unauthenticated("The token is not valid, has expired or has been revoked.");
  return {
    kind: "agency",
    agencyId: agency.id,
    name: agency.name,
    department: agency.department,
    regionCode: agency.regionCode,
    scopes: agency.scopes,
  };
}

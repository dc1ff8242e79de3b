import { DomainError, ErrorCode } from "../shared/errors";
import type { AgencyService } from "../modules/agency/agency.service";
import { type Actor, PUBLIC } from "./actor";
import { looksLikeApiKey } from "./api-key";

const unauthenticated = (message: string) => new DomainError(ErrorCode.UNAUTHENTICATED, message);

/**
 * Who is calling. No Authorization header is the public audience (when public access is on);
 * a header that does not identify a live agency is UNAUTHENTICATED, never public.
 */
export async function resolveActor(
  authorization: string | undefined,
  agencies: AgencyService,
  publicAccess: boolean,
): Promise<Actor> {
  if (authorization === undefined || authorization === "") {
    if (!publicAccess) throw unauthenticated("This hub requires an API key: send Authorization: Bearer <key>.");
    return PUBLIC;
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw unauthenticated("The Authorization header must be: Bearer <key>.");
  const token = match[1];
  const agency = looksLikeApiKey(token) ? await agencies.findByKey(token) : null;
  if (!agency) throw unauthenticated("The API key is not valid or has been revoked.");
  return {
    kind: "agency",
    agencyId: agency.id,
    name: agency.name,
    department: agency.department,
    regionCode: agency.regionCode,
    scopes: agency.scopes,
  };
}

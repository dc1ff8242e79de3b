import fs from "node:fs";
import { type JWTPayload, type JWTVerifyGetKey, type KeyLike, createLocalJWKSet, importSPKI, jwtVerify } from "jose";
import type { Config } from "../config";
import type { Scope } from "./actor";
import { DEPARTMENTS, type Department } from "./department.enums";
import { regionCodeProblem } from "../shared/region";
import { creditCodeProblem } from "../shared/identifiers";

/** The identity a valid token asserts. */
export interface JwtIdentity {
  externalId: string;
  name: string;
  department: Department;
  regionCode: string;
  scopes: Scope[];
}

/** A token of the configured issuer with the claim `subject`: an enterprise calling about itself. */
export interface JwtSubject {
  externalId: string;
  creditCode: string;
}

export type JwtVerifier = (token: string) => Promise<JwtIdentity | JwtSubject | null>;

export const isJwtSubject = (identity: JwtIdentity | JwtSubject): identity is JwtSubject => "creditCode" in identity;

/**
 * Verifies tokens of the configured issuer: signature (public key or JWKS file), expiry,
 * issuer and audience, then the hub's claims (department, region, scope). Any failure is null,
 * which the caller answers with 401.
 */
export async function createJwtVerifier(jwt: NonNullable<Config["jwt"]>): Promise<JwtVerifier> {
  let key: KeyLike | JWTVerifyGetKey;
  try {
    key = jwt.jwksFile
      ? createLocalJWKSet(JSON.parse(fs.readFileSync(jwt.jwksFile, "utf8")))
      : await importSPKI(fs.readFileSync(jwt.publicKeyFile!, "utf8"), jwt.algorithm);
  } catch (err) {
    throw new Error(`cannot load the JWT key from ${jwt.jwksFile ?? jwt.publicKeyFile}: ${(err as Error).message}`);
  }
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
        issuer: jwt.issuer,
        audience: jwt.audience,
        algorithms: [jwt.algorithm],
        requiredClaims: ["exp", "sub"],
        clockTolerance: 30,
      }));
    } catch {
      return null;
    }
    return identityFromClaims(jwt.issuer, payload);
  };
}

/**
 * A token with the claim `subject` (a credit code) is an enterprise's, whatever else it claims;
 * otherwise the department and region claims must name an agency.
 */
function identityFromClaims(issuer: string, payload: JWTPayload): JwtIdentity | JwtSubject | null {
  if (payload.subject !== undefined) {
    return typeof payload.subject === "string" && !creditCodeProblem(payload.subject)
      ? { externalId: `${issuer}#${payload.sub}`, creditCode: payload.subject }
      : null;
  }
  const department = payload.department;
  const region = payload.region;
  if (typeof department !== "string" || !DEPARTMENTS.includes(department as Department)) return null;
  if (typeof region !== "string" || regionCodeProblem(region)) return null;
  const scope = typeof payload.scope === "string" ? payload.scope.split(" ") : ["read"];
  const scopes = scope.filter((s): s is Scope => s === "read" || s === "write");
  const name = typeof payload.name === "string" && payload.name.trim() ? payload.name.trim().slice(0, 200) : payload.sub!;
  return { externalId: `${issuer}#${payload.sub}`, name, department: department as Department, regionCode: region, scopes };
}

/** A JWT has three base64url parts; API keys start with hub_. */
export function looksLikeJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);
}

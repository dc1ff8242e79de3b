import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { AgencyActor } from "../../auth/actor";
import type { Department } from "../../auth/department.enums";
import { badInput, unauthenticated } from "../../shared/errors";
// The hub's clock (shared/clock.ts), which tests may move, decides when a link has expired.
import { now as clockNow } from "../../shared/clock";

/** The report a link opens: its period and filters, fixed by the link's signature. */
export interface ReportLinkScope {
  from: string;
  to: string;
  department: Department | null;
  regionCode: string | null;
}

/** How long a shared link opens its report: long enough to pass on, short enough not to leak for good. */
export const REPORT_LINK_MINUTES = 30;

/** The one answer to a link that is forged, damaged, expired or whose agency was revoked: which it was is not said. */
export const invalidReportLink = () => unauthenticated("This report link is not valid or has expired; ask for a new one.");

/**
 * Short-lived signed links to the report page, for a browser that cannot send the agency's key:
 * `<payload>.<HMAC-SHA256>` with a key derived (HKDF) from the hub's key file, which is outside the
 * database. The payload names the issuing agency, the report's period and filters and the
 * expiry; the page then reads as that agency, as it is at that moment (a revoked agency's links
 * stop working), and nothing in the address can be changed without breaking the signature.
 */
export class ReportLinkService {
  private readonly key: Buffer | null;

  constructor(masterKey: Buffer | null) {
    this.key = masterKey ? Buffer.from(hkdfSync("sha256", masterKey, "credit-hub", "report-links", 32)) : null;
  }

  issue(actor: AgencyActor, scope: ReportLinkScope, now = clockNow().getTime()): { token: string; expiresAt: Date } {
    if (scope.from > scope.to) throw badInput("from", `from (${scope.from}) is after to (${scope.to}).`);
    const expiresAt = new Date(now + REPORT_LINK_MINUTES * 60_000);
    const payload = Buffer.from(JSON.stringify({ a: actor.agencyId, s: scope, e: Math.floor(expiresAt.getTime() / 1000) })).toString("base64url");
    return { token: `${payload}.${this.sign(payload)}`, expiresAt };
  }

  /** The agency and report of a valid, unexpired link; UNAUTHENTICATED otherwise (one answer for every fault). */
  open(token: string, now = clockNow().getTime()): { agencyId: string; scope: ReportLinkScope } {
    const invalid = invalidReportLink;
    const [payload, signature, extra] = token.split(".");
    if (!payload || !signature || extra !== undefined) throw invalid();
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
    const { a, s, e } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { a: string; s: ReportLinkScope; e: number };
    if (e * 1000 < now) throw invalid();
    return { agencyId: a, scope: s };
  }

  private sign(payload: string): string {
    if (!this.key) throw new Error("report links need the hub's key file (HUB_AUDIT_KEY_FILE)");
    return createHmac("sha256", this.key).update(payload).digest("base64url");
  }
}

import { randomBytes } from "node:crypto";
import type { AgencyActor } from "../../../../src/auth/actor";
import { Department } from "../../../../src/auth/department.enums";
import { DomainError, ErrorCode } from "../../../../src/shared/errors";
import { REPORT_LINK_MINUTES, ReportLinkService, type ReportLinkScope } from "../../../../src/modules/feedback/report-link.service";

const actor: AgencyActor = {
  kind: "agency", agencyId: "5b0c1f7e-1111-4a4a-8888-000000000001", name: "苏州市应急管理局", department: Department.EMERGENCY_MANAGEMENT, regionCode: "320500", scopes: ["read"],
};
const scope: ReportLinkScope = { from: "2026-01-01", to: "2026-01-31", department: null, regionCode: "320500" };
// A whole second, so that the link's expiry (kept in seconds) is exactly expiresAt.
const ISSUED = Date.UTC(2026, 1, 1, 2, 0, 0);

/** Expects the one answer every bad link gets: UNAUTHENTICATED, saying not which fault it was. */
function expectRefused(open: () => unknown): void {
  let error: unknown;
  try {
    open();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(ErrorCode.UNAUTHENTICATED);
  expect((error as DomainError).message).toMatch(/not valid or has expired/);
}

describe("ReportLinkService: signed report links", () => {
  const links = new ReportLinkService(randomBytes(32));
  const { token, expiresAt } = links.issue(actor, scope, ISSUED);

  it("opens its report, as its agency, until it expires", () => {
    expect(expiresAt.getTime()).toBe(ISSUED + REPORT_LINK_MINUTES * 60_000);
    expect(links.open(token, ISSUED)).toEqual({ agencyId: actor.agencyId, scope });
    expect(links.open(token, expiresAt.getTime())).toEqual({ agencyId: actor.agencyId, scope });
  });

  it("refuses a link opened after its expiry", () => {
    expectRefused(() => links.open(token, expiresAt.getTime() + 1));
    expectRefused(() => links.open(token, expiresAt.getTime() + 24 * 3_600_000));
  });

  it("refuses a tampered link: a changed payload (scope, expiry), a changed signature, a cut or extended token", () => {
    const [payload, signature] = token.split(".");
    const decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    const forge = (changed: object) => `${Buffer.from(JSON.stringify({ ...decoded, ...changed })).toString("base64url")}.${signature}`;
    // Widening the report to the whole province, or pushing the expiry out, breaks the signature.
    expectRefused(() => links.open(forge({ s: { ...scope, regionCode: null } }), ISSUED));
    expectRefused(() => links.open(forge({ e: decoded.e + 86_400 }), expiresAt.getTime() + 1));
    expectRefused(() => links.open(forge({ a: "5b0c1f7e-1111-4a4a-8888-000000000002" }), ISSUED));
    const flipped = (signature.startsWith("A") ? "B" : "A") + signature.slice(1);
    expectRefused(() => links.open(`${payload}.${flipped}`, ISSUED));
    expectRefused(() => links.open(payload, ISSUED));
    expectRefused(() => links.open(`${token}.x`, ISSUED));
    expectRefused(() => links.open("", ISSUED));
  });

  it("refuses a link signed with another hub's key", () => {
    expectRefused(() => new ReportLinkService(randomBytes(32)).open(token, ISSUED));
  });

  it("issues no link whose period runs backwards", () => {
    expect(() => links.issue(actor, { ...scope, from: "2026-02-01" }, ISSUED)).toThrow(/after/);
  });
});

import { runHubCli } from "../../helpers/cli";
import { createEnterprise, expectData } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const CATALOGUE = `{ catalogue { item title category producers audiences disclosure masked } }`;
const ACCESS = `{ myAccess { audience readable writable } }`;

/** The credit information catalogue and myAccess (issue 18), over HTTP and from the CLI. */
describe("credit information catalogue", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.stop());

  it("is open to everyone, classifies the items with stable codes, and names producers and audiences", async () => {
    const items = expectData(await t.gql<any>(CATALOGUE, {})).catalogue;
    const byItem = new Map(items.map((i: any) => [i.item, i]));
    expect(new Set(items.map((i: any) => i.category))).toEqual(new Set(["BASIC", "PERSONAL", "FAILING_CREDIT", "GOOD_CREDIT", "SUPERVISION", "SERVICE"]));
    expect(byItem.get("Enterprise.penalties")).toMatchObject({ category: "BASIC", disclosure: "PUBLIC" });
    expect(byItem.get("AdministrativePenalty.decisionNumber")).toMatchObject({ category: "FAILING_CREDIT", disclosure: "PUBLIC", producers: expect.arrayContaining(["EMERGENCY_MANAGEMENT", "FINANCE"]) });
    expect(byItem.get("Person.idNumber")).toMatchObject({ category: "PERSONAL", masked: true, disclosure: "RESTRICTED", audiences: ["CREDIT_OFFICE", "EMERGENCY_MANAGEMENT", "MARKET_REGULATION"] });
    expect(byItem.get("Enterprise.riskAssessment")).toMatchObject({ disclosure: "RESTRICTED" });
    expect((byItem.get("Enterprise.riskAssessment") as any).audiences).not.toContain("PUBLIC");
    expect(byItem.get("Enterprise.accessHistory")).toMatchObject({ audiences: ["SUBJECT", "CREDIT_OFFICE"] });
    expect(byItem.get("Accident.level")).toMatchObject({ producers: ["EMERGENCY_MANAGEMENT"] });
    // Paging wrappers are no information.
    expect(items.some((i: any) => /Edge\.|Connection\./.test(i.item))).toBe(false);
  });

  it("tells each caller what it may read and write", async () => {
    const pub = expectData(await t.gql<any>(ACCESS, {})).myAccess;
    expect(pub.audience).toBe("PUBLIC");
    expect(pub.readable).toContain("Enterprise.name");
    expect(pub.readable).not.toContain("Enterprise.riskAssessment");
    expect(pub.writable).toEqual(["submitTip"]);
    const finance = expectData(await t.gql<any>(ACCESS, {}, await t.agency("FINANCE"))).myAccess;
    expect(finance.audience).toBe("FINANCE");
    expect(finance.writable).toEqual(expect.arrayContaining(["recordPenalty", "registerSanctionFeedback", "submitTip"]));
    expect(finance.writable).not.toContain("recordAccident");
    const readOnly = expectData(await t.gql<any>(ACCESS, {}, await t.agency("FINANCE", { scopes: ["read"] }))).myAccess;
    expect(readOnly.writable).toEqual(["submitTip"]);
    const subject = expectData(await t.gql<any>(ACCESS, {}, await t.subject(await createEnterprise(t)))).myAccess;
    expect(subject.audience).toBe("SUBJECT");
    expect(subject.readable).toContain("Enterprise.accessHistory");
    expect(subject.writable).toEqual(expect.arrayContaining(["fileObjection", "acknowledgeWarning"]));
  });

  it("prints as CSV and Markdown for the credit office to publish, the same items as the API", async () => {
    const items = expectData(await t.gql<any>(CATALOGUE, {})).catalogue;
    const csv = await runHubCli(t.databaseEnv, "catalogue", "--format", "csv");
    expect(csv.exitCode).toBe(0);
    const lines = csv.output.split("\n");
    expect(lines[0]).toBe("item,title,category,producers,audiences,disclosure,masked");
    expect(lines.length).toBe(items.length + 1);
    const md = await runHubCli(t.databaseEnv, "catalogue");
    expect(md.output).toContain("| Person.idNumber |");
  });
});

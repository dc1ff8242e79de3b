import fs from "node:fs";
import path from "node:path";
import { statementCounter } from "../../../src/db/statement-counter";
import { addDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, recordPenalty, setPerson } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

// The benchmark's profile: every part the enterprise query fetches ahead in its one statement.
const PROFILE = fs.readFileSync(path.join(__dirname, "../../bench/operations/profile.graphql"), "utf8");
// The same selection reached through Query.enterprises: no fetching ahead, the per-field loaders.
const FIELDS = PROFILE.slice(PROFILE.indexOf("{", PROFILE.indexOf("enterprise(")) + 1, PROFILE.lastIndexOf("}", PROFILE.lastIndexOf("}") - 1));
const THROUGH_LOADERS = `query($name: String!) { enterprises(first: 1, filter: { nameContains: $name }) { edges { node { ${FIELDS} } } } }`;
const NAME = `盐城一次读取测试化工有限公司${process.pid}`;

describe("Query.enterprise in one statement", () => {
  let t: TestHub;
  let em: string;
  let code: string;
  beforeAll(async () => {
    t = await startTestHub();
    em = await t.agency("EMERGENCY_MANAGEMENT");
    code = await createEnterprise(t, { name: NAME });
    await setPerson(t, em, code, "LEGAL_REPRESENTATIVE");
    await setPerson(t, em, code, "SAFETY_HEAD");
    await setPerson(t, em, code, "SAFETY_HEAD"); // the first safety head becomes a former holder
    const recent = (days: number) => addDays(today(), -days);
    for (const days of [10, 40, 400]) await recordPenalty(t, em, code, { decidedOn: recent(days) });
    const revoked = await recordPenalty(t, em, code, { decidedOn: recent(20) });
    await t.gql(`mutation($id: ID!) { revokePenalty(id: $id, reason: "复议撤销") { id } }`, { id: revoked.id }, em);
    await blacklist(t, em, code);
  });
  afterAll(() => t.stop());

  async function statementsFor(query: string, variables: Record<string, unknown>, token?: string) {
    await t.hub.flushAccessLog();
    const before = statementCounter.value;
    const res = await t.gql<any>(query, variables, token);
    return { res, statements: statementCounter.value - before };
  }

  it("reads the whole profile in one statement after the key's", async () => {
    const { res, statements } = await statementsFor(PROFILE, { creditCode: code }, em);
    expect(res.errors).toBeUndefined();
    expect(res.data!.enterprise.penalties.totalCount).toBe(4);
    expect(res.data!.enterprise.watchlist).toHaveLength(1);
    expect(statements).toBe(2);
  });

  it.each([
    ["an ID department", "EMERGENCY_MANAGEMENT"],
    ["a department without risk or ID rights", "TRANSPORT"],
    ["the public", null],
  ] as const)("returns what the per-field loaders return, for %s", async (_label, department) => {
    const token = department ? await t.agency(department) : undefined;
    const ahead = await t.gql<any>(PROFILE, { creditCode: code }, token);
    const alone = await t.gql<any>(THROUGH_LOADERS, { name: NAME }, token);
    expect(alone.errors?.filter((e: any) => e.extensions.code !== "FORBIDDEN")).toEqual(ahead.errors?.filter((e: any) => e.extensions.code !== "FORBIDDEN"));
    expect(alone.data.enterprises.edges).toHaveLength(1);
    expect(ahead.data.enterprise).toEqual(alone.data.enterprises.edges[0].node);
    const deniedFields = (res: any) => (res.errors ?? []).map((e: any) => `${e.extensions.code} ${e.path[e.path.length - 1]}`).sort();
    expect(deniedFields(ahead)).toEqual(deniedFields(alone));
    if (!department) {
      // The public's row filters hold on the one-statement path too.
      expect(ahead.data.enterprise.responsiblePersons.map((r: any) => r.role)).toEqual(["LEGAL_REPRESENTATIVE"]);
      expect(ahead.data.enterprise.penalties.edges.some((e: any) => e.node.revoked)).toBe(false);
    } else {
      expect(ahead.data.enterprise.responsiblePersons.map((r: any) => r.role)).toEqual(["LEGAL_REPRESENTATIVE", "SAFETY_HEAD"]);
    }
  });
});

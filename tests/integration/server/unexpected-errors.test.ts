import { createEnterprise } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const PROFILE = `query($c: CreditCode!) { me { department } enterprise(creditCode: $c) { name riskAssessment { score level } } }`;

/**
 * A fault nobody planned for (here: a column the hub reads has gone, as after a botched manual
 * change) reaches the client as a masked INTERNAL_SERVER_ERROR at its field, with no SQL, stack
 * or table name; only development mode shows the details.
 */
describe.each([
  ["production", false],
  ["development", true],
])("an unexpected database error in %s mode", (env, detailed) => {
  let t: TestHub;
  let code: string;
  let token: string;
  beforeAll(async () => {
    t = await startTestHub({ env: { NODE_ENV: env } });
    token = await t.agency("CREDIT_OFFICE");
    code = await createEnterprise(t);
    await t.sql(`ALTER TABLE risk_assessment RENAME COLUMN score TO score_moved`);
  });
  afterAll(() => t.stop());

  it(detailed ? "shows the details to the developer" : "is masked at its field: no SQL, no stack; the rest of the answer is served", async () => {
    const res = await t.gql(PROFILE, { c: code }, token);
    expect(res.status).toBe(200);
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
    expect(error?.path).toEqual(["enterprise"]);
    // The profile is one statement, so the enterprise fails whole; the other root field is served.
    expect(res.data).toEqual({ me: { department: "CREDIT_OFFICE" }, enterprise: null });
    const text = JSON.stringify(res.errors);
    if (detailed) {
      expect(text).toMatch(/score/);
    } else {
      expect(error?.message).toBe("Internal server error.");
      expect(text).not.toMatch(/score|risk_assessment|SELECT|stacktrace|\.ts:|\.js:/);
      expect(error?.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR" });
    }
  });
});

import { createEnterprise } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

/**
 * A hub started without NODE_ENV (as `npm start` on a fresh machine, or a container someone
 * forgot to configure) must be as tight-lipped as production: no stack trace, file path or
 * PostgreSQL message reaches a client. Detail needs NODE_ENV=development, asked for on purpose.
 */
describe("production-safe without NODE_ENV", () => {
  let t: TestHub;
  let code: string;
  let token: string;
  beforeAll(async () => {
    // An empty variable is "not set" (as `NODE_ENV= npm start`).
    t = await startTestHub({ env: { NODE_ENV: "" } });
    token = await t.agency("CREDIT_OFFICE");
    code = await createEnterprise(t);
    await t.sql(`ALTER TABLE risk_assessment RENAME COLUMN score TO score_moved`);
  });
  afterAll(() => t.stop());

  const leaks = /score_moved|risk_assessment|SELECT|stacktrace|\.ts:\d|\.js:\d|\/work\/|node_modules|column "|relation "/i;

  it("masks an unexpected database error", async () => {
    const res = await t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name riskAssessment { score } } }`, { c: code }, token);
    expect(res.errors?.[0]).toMatchObject({ message: "Internal server error.", extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(JSON.stringify(res)).not.toMatch(leaks);
  });

  it("sends no stack trace with errors the caller caused", async () => {
    const bad = [
      t.gql(`{ enterprise(creditCode: "91350100M000100Y4X") { name } }`, {}, token),
      t.gql(`{ nope }`, {}, token),
      t.gql(`{ enterprise(`, {}, token),
      t.gql(`query($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, { c: 42 }, token),
    ];
    for (const res of await Promise.all(bad)) {
      expect(res.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(res)).not.toMatch(leaks);
      for (const e of res.errors!) expect(e.extensions?.stacktrace).toBeUndefined();
    }
  });

  it("does not answer the public audience's introspection", async () => {
    const res = await t.gql(`{ __schema { types { name } } }`);
    expect(res.data?.__schema).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBeTruthy();
  });
});

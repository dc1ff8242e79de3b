import { createEnterprise, expectData } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const PAGE = `query($after: String) { enterprises(first: 2, after: $after) { edges { cursor node { creditCode } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

/** PageInfo as the Relay cursor connections specification has it (issue 19's contract part), paged the way a Relay-style client does. */
describe("PageInfo", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
    for (let i = 0; i < 5; i++) await createEnterprise(t);
  });
  afterAll(() => t.stop());

  it("gives startCursor and endCursor of each page's edges, and pages forward to the end without a repeat", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const conn: any = expectData(await t.gql<any>(PAGE, { after })).enterprises;
      expect(conn.pageInfo.startCursor).toBe(conn.edges[0]?.cursor ?? null);
      expect(conn.pageInfo.endCursor).toBe(conn.edges.at(-1)?.cursor ?? null);
      expect(conn.pageInfo.hasPreviousPage).toBe(false);
      seen.push(...conn.edges.map((e: any) => e.node.creditCode));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen.length).toBe(5);
    expect(new Set(seen).size).toBe(5);
  });
});

import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client/core";
import { relayStylePagination } from "@apollo/client/utilities";
import { EnterprisesPageDocument, RegisterSanctionFeedbackDocument, SanctionTasksDocument } from "../../../schema/client/graphql";
import { addDays, today } from "../../../src/shared/clock";
import { blacklist, createEnterprise, setPerson } from "../../helpers/factories";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

/**
 * A frontend as other teams build one: Apollo Client with the kit's typed documents, its cache
 * merging pages with relayStylePagination (which relies on the Relay connection spec:
 * edges.cursor, pageInfo.endCursor/hasNextPage/startCursor/hasPreviousPage).
 */
function client(t: TestHub, token: string) {
  return new ApolloClient({
    link: new HttpLink({ uri: `${t.hub.url}/graphql`, headers: { authorization: `Bearer ${token}` } }),
    cache: new InMemoryCache({
      typePolicies: { Query: { fields: { enterprises: relayStylePagination(["filter"]) } }, Enterprise: { keyFields: ["creditCode"] } },
    }),
  });
}

describe("the client kit, used by a generated client", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(() => t.stop());

  it("pages through a list with Apollo Client's relayStylePagination: every item once, in order, then no next page", async () => {
    const marker = `分页${Date.now()}`;
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) codes.push(await createEnterprise(t, { name: `${marker}第${i}号有限公司` }));
    const apollo = client(t, await t.agency("CREDIT_OFFICE"));
    const variables = { first: 3, filter: { nameContains: marker } };
    const watched = apollo.watchQuery({ query: EnterprisesPageDocument, variables });
    const first = await watched.result();
    expect(first.data.enterprises.edges).toHaveLength(3);
    expect(first.data.enterprises.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, startCursor: first.data.enterprises.edges[0].cursor });
    let page = first.data.enterprises;
    const pagesSeen: boolean[] = [];
    while (page.pageInfo.hasNextPage) {
      const more = await watched.fetchMore({ variables: { after: page.pageInfo.endCursor } });
      page = more.data.enterprises;
      pagesSeen.push(page.pageInfo.hasPreviousPage);
      expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    }
    // The cache's merged list, as a component watching the query renders it.
    const merged = watched.getCurrentResult().data!.enterprises;
    // Forward paging only: the specification lets hasPreviousPage be false then, and the hub says so.
    expect(pagesSeen).toEqual([false, false]);
    const names = merged.edges.map((e) => e.node.name);
    expect(names).toHaveLength(7);
    expect(new Set(merged.edges.map((e) => e.node.creditCode))).toEqual(new Set(codes));
    expect(merged.totalCount).toBe(7);
    expect(merged.pageInfo.hasNextPage).toBe(false);
  });

  it("registers a feedback report from the typed mutation, and a replay writes nothing", async () => {
    const em = await t.agency("EMERGENCY_MANAGEMENT");
    const finance = await t.agency("FINANCE");
    const code = await createEnterprise(t);
    await setPerson(t, em, code, "LEGAL_REPRESENTATIVE");
    const entries = await blacklist(t, em, code, { listedOn: addDays(today(), -10) });
    const entryId = entries.find((e: { subjectType: string }) => e.subjectType === "ENTERPRISE").id;
    const apollo = client(t, finance);
    const tasks = await apollo.query({ query: SanctionTasksDocument, variables: { first: 50 } });
    const task = tasks.data.sanctionTasks!.edges.find((e) => e.node.blacklistEntry.id === entryId)!.node;
    const input = {
      clientReference: `KIT-${Date.now()}`,
      blacklistEntryId: entryId,
      measure: task.measure.code,
      matter: "GOVERNMENT_PROCUREMENT" as const,
      appliedOn: addDays(today(), -1),
      outcome: "APPLIED" as const,
    };
    const sent = await apollo.mutate({ mutation: RegisterSanctionFeedbackDocument, variables: { input } });
    expect(sent.data!.registerSanctionFeedback).toMatchObject({ replayed: false, feedback: { state: "CURRENT", clientReference: input.clientReference } });
    const again = await apollo.mutate({ mutation: RegisterSanctionFeedbackDocument, variables: { input } });
    expect(again.data!.registerSanctionFeedback.replayed).toBe(true);
    expect(again.data!.registerSanctionFeedback.feedback.id).toBe(sent.data!.registerSanctionFeedback.feedback.id);
  });
});

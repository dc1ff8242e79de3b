import manifest from "../../../schema/client/persisted-documents.json";
import { EnterpriseProfileDocument, EventStreamDocument } from "../../../schema/client/graphql";
import { createEnterprise } from "../../helpers/factories";
import { newCreditCode } from "../../helpers/identifiers";
import { startTestHub } from "../../helpers/test-hub";
import { subscribe } from "../../helpers/ws-client";

const idOf = (doc: unknown) => (doc as { __meta__: { hash: string } }).__meta__.hash;
const textOf = (id: string) => (manifest as Record<string, string>)[id];

async function post(url: string, body: unknown, token?: string) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

describe("trusted documents (HUB_TRUSTED_DOCUMENTS=on)", () => {
  it("runs the client kit's documents by id or in full, and refuses everything else with 400", async () => {
    const t = await startTestHub({ env: { HUB_TRUSTED_DOCUMENTS: "on" } });
    try {
      const token = await t.agency("CREDIT_OFFICE");
      // Writes are not in the manifest: the enterprise is seeded directly.
      const code = newCreditCode();
      await t.sql(`INSERT INTO enterprise (credit_code, name, region_code, sector) VALUES ($1, '可信文档测试有限公司', '320102', 'OTHER')`, [code]);
      const id = idOf(EnterpriseProfileDocument);
      expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);

      const byId = await post(t.hub.url, { documentId: id, variables: { creditCode: code } }, token);
      expect(byId.status).toBe(200);
      expect(byId.body.data.enterprise.name).toBe("可信文档测试有限公司");

      // GET, as the convention allows (Apollo's CSRF check wants a preflight header on a GET).
      const get = await fetch(`${t.hub.url}/graphql?documentId=${encodeURIComponent(id)}&variables=${encodeURIComponent(JSON.stringify({ creditCode: code }))}`, {
        headers: { authorization: `Bearer ${token}`, "apollo-require-preflight": "true" },
      });
      expect(get.status).toBe(200);
      expect(((await get.json()) as any).data.enterprise.name).toBe("可信文档测试有限公司");

      const inFull = await post(t.hub.url, { query: textOf(id), variables: { creditCode: code } }, token);
      expect(inFull.status).toBe(200);

      const unknown = await post(t.hub.url, { documentId: `sha256:${"0".repeat(64)}` }, token);
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors?.[0].extensions).toEqual({ code: "PERSISTED_QUERY_NOT_FOUND", field: "documentId" });

      const malformed = await post(t.hub.url, { documentId: "md5:abc" }, token);
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors?.[0].extensions).toEqual({ code: "BAD_USER_INPUT", field: "documentId" });

      const freeText = await post(t.hub.url, { query: `query Other($c: CreditCode!) { enterprise(creditCode: $c) { name } }`, variables: { c: code } }, token);
      expect(freeText.status).toBe(400);
      expect(freeText.body.errors?.[0].extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
      expect(freeText.body.errors?.[0].message).toMatch(/trusted documents/);
      expect(freeText.body.data).toBeUndefined();

      // Automatic persisted queries would let a caller register its own operation.
      const apq = await post(t.hub.url, { query: "{ me { id } }", extensions: { persistedQuery: { version: 1, sha256Hash: "a".repeat(64) } } }, token);
      expect(apq.status).toBe(400);

      // The WebSocket carries only the manifest's subscriptions too.
      const refused = subscribe(t.hub.url, token, "subscription Mine { events { id } }");
      expect(await refused.error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: "PERSISTED_QUERY_NOT_FOUND" }) })]);
      await refused.dispose();
      const allowed = subscribe(t.hub.url, token, textOf(idOf(EventStreamDocument)));
      await allowed.acknowledged;
      const outcome = await Promise.race([allowed.error.then(() => "refused"), new Promise((r) => setTimeout(() => r("running"), 500))]);
      expect(outcome).toBe("running");
      await allowed.dispose();
    } finally {
      await t.stop();
    }
  });

  it("accepts documentId alongside free text when the switch is off, and refuses to start on without a manifest", async () => {
    const t = await startTestHub();
    try {
      const token = await t.agency("CREDIT_OFFICE");
      const code = await createEnterprise(t);
      expect((await post(t.hub.url, { documentId: idOf(EnterpriseProfileDocument), variables: { creditCode: code } }, token)).body.data.enterprise.creditCode).toBe(code);
      expect((await post(t.hub.url, { query: "{ me { department } }" }, token)).body.data.me.department).toBe("CREDIT_OFFICE");
      expect((await post(t.hub.url, { documentId: idOf(EnterpriseProfileDocument), query: "{ me { id } }" }, token)).status).toBe(400);
    } finally {
      await t.stop();
    }
    await expect(startTestHub({ env: { HUB_TRUSTED_DOCUMENTS: "on", HUB_TRUSTED_DOCUMENTS_FILE: "/nonexistent/persisted-documents.json" } })).rejects.toThrow(/manifest .* does not exist/);
  });
});

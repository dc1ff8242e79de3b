import http from "node:http";
import type { AddressInfo } from "node:net";
import { newIdNumber } from "../../helpers/identifiers";
import { startTestHub } from "../../helpers/test-hub";

/** An OTLP/HTTP collector stand-in: keeps every JSON body posted to /v1/traces. */
async function collector() {
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      if (req.url === "/v1/traces") bodies.push(text);
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies, close: () => new Promise((r) => server.close(r)) };
}

interface OtlpSpan { traceId: string; parentSpanId?: string; name: string; attributes: { key: string; value: Record<string, unknown> }[] }

describe("OpenTelemetry tracing", () => {
  it("is on with OTEL_EXPORTER_OTLP_ENDPOINT: a server span per request in the caller's trace, without variables' values", async () => {
    const otlp = await collector();
    const t = await startTestHub({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_SERVICE_NAME: "hub-under-test" } });
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const idNumber = newIdNumber();
    try {
      const key = await t.agency("CREDIT_OFFICE");
      const res = await fetch(`${t.hub.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${key}`, traceparent: `00-${traceId}-00f067aa0ba902b7-01`, "x-request-id": "trace-test-1" },
        body: JSON.stringify({ operationName: "Lookup", query: "query Lookup($id: String!) { person(idNumber: $id) { name } }", variables: { id: idNumber } }),
      });
      expect(res.status).toBe(200);
    } finally {
      await t.stop();
      await otlp.close();
    }
    const text = otlp.bodies.join("\n");
    expect(text).not.toContain(idNumber);
    expect(text).not.toMatch(/hub_[A-Za-z0-9]{10,}/);
    const batches = otlp.bodies.map((b) => JSON.parse(b) as { resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: OtlpSpan[] }[] }[] });
    const resources = batches.flatMap((b) => b.resourceSpans);
    expect(resources[0].resource.attributes).toContainEqual({ key: "service.name", value: { stringValue: "hub-under-test" } });
    const spans = resources.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const span = spans.find((s) => s.attributes.some((a) => a.key === "hub.request_id" && a.value.stringValue === "trace-test-1"));
    expect(span).toBeDefined();
    expect(span!.traceId).toBe(traceId);
    expect(span!.parentSpanId).toBe("00f067aa0ba902b7");
    expect(span!.name).toBe("POST /graphql");
    expect(span!.attributes).toContainEqual({ key: "graphql.operation.name", value: { stringValue: "Lookup" } });
    expect(span!.attributes).toContainEqual({ key: "hub.audience", value: { stringValue: "CREDIT_OFFICE" } });
  });

  it("is off without the variables: nothing is sent", async () => {
    const otlp = await collector();
    // The collector's address is known but not configured: a hub that traced anyway would have nowhere else to send.
    const t = await startTestHub({ env: { OTEL_SERVICE_NAME: "hub-under-test", OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_SDK_DISABLED: "true" } });
    try {
      await t.gql("{ __typename }");
    } finally {
      await t.stop();
      await otlp.close();
    }
    expect(otlp.bodies).toEqual([]);
  });
});

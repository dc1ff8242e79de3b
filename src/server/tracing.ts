import type http from "node:http";
import { type Context, type Span, SpanKind, SpanStatusCode, type Tracer, ROOT_CONTEXT } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import type { Config } from "../config";

/** What a request's span may carry: never a token, an ID number or a variable's value. */
export interface RequestSpanFacts {
  requestId: string;
  status: number;
  operation?: string | null;
  audience?: string;
}

export interface Tracing {
  /** Starts the server span of one request, continuing the caller's trace (W3C traceparent). */
  startRequest(req: http.IncomingMessage, path: string): (facts: RequestSpanFacts) => void;
  /** Sends what is buffered and stops. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { startRequest: () => () => {}, shutdown: async () => {} };

const headerGetter = {
  keys: (carrier: http.IncomingHttpHeaders) => Object.keys(carrier),
  get: (carrier: http.IncomingHttpHeaders, key: string) => carrier[key],
};

/**
 * OpenTelemetry tracing when configured (the standard OTEL_* variables, read by config.ts): one
 * server span per HTTP request, in the caller's trace when it sent `traceparent`, exported over
 * OTLP/HTTP in batches. The provider is the hub's own, not registered globally, so two hubs in one
 * process (the tests) do not share it, and nothing is patched.
 */
export function startTracing(settings: Config["tracing"]): Tracing {
  if (!settings) return OFF;
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ "service.name": settings.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }), { scheduledDelayMillis: 1_000 })],
  });
  const tracer: Tracer = provider.getTracer("safety-credit-hub");
  const propagator = new W3CTraceContextPropagator();
  return {
    startRequest(req, path) {
      const parent: Context = propagator.extract(ROOT_CONTEXT, req.headers, headerGetter);
      const span: Span = tracer.startSpan(`${req.method ?? "GET"} ${path}`, {
        kind: SpanKind.SERVER,
        attributes: { "http.request.method": req.method ?? "GET", "url.path": path },
      }, parent);
      return (facts) => {
        span.setAttributes({
          "http.response.status_code": facts.status,
          "hub.request_id": facts.requestId,
          ...(facts.operation ? { "graphql.operation.name": facts.operation } : {}),
          ...(facts.audience ? { "hub.audience": facts.audience } : {}),
        });
        if (facts.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      };
    },
    shutdown: () => provider.shutdown(),
  };
}

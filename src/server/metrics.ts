import type http from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** What the scrape reads from the running hub, at scrape time. */
export interface MetricSources {
  pool(): { total: number; idle: number; waiting: number } | null;
  accessLogBacklog(): number;
  subscriptions(): number;
  /** Events committed that active webhooks have not handled yet (one small statement per scrape). */
  webhookBacklog(): Promise<number>;
}

// Operation names are those Apollo resolved from documents, which clients write (unless only trusted
// documents run): only plain names become labels, and only so many. "anonymous": none resolved
// (an unnamed operation, or a request refused before Apollo read it).
const MAX_OPERATIONS = 200;
const labelOf = (operation: string | null | undefined, seen: Set<string>): string => {
  if (!operation || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(operation)) return "anonymous";
  if (seen.has(operation)) return operation;
  if (seen.size >= MAX_OPERATIONS) return "other";
  seen.add(operation);
  return operation;
};

/**
 * The hub's Prometheus metrics (prom-client): requests and their latency per operation and
 * audience, errors by code, the database pool, the access log's backlog, open subscriptions,
 * webhook failures and backlog, and Node's own (event loop, memory, GC).
 */
export class HubMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests = new Counter({ name: "hub_http_requests_total", help: "GraphQL requests answered", labelNames: ["operation", "audience", "status"], registers: [this.registry] });
  private readonly latency = new Histogram({
    name: "hub_http_request_duration_seconds", help: "GraphQL request latency", labelNames: ["operation", "audience"],
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5], registers: [this.registry],
  });
  private readonly errors = new Counter({ name: "hub_graphql_errors_total", help: "GraphQL errors returned, by extensions.code", labelNames: ["code"], registers: [this.registry] });
  private readonly webhookFailures = new Counter({ name: "hub_webhook_failures_total", help: "Webhook delivery attempts that failed", registers: [this.registry] });

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry, prefix: "hub_" });
    const gauge = (name: string, help: string, read: () => number | null | Promise<number>, labels?: string[]) =>
      new Gauge({ name, help, labelNames: labels ?? [], registers: [this.registry], async collect() {
        const value = await read();
        if (value !== null) this.set(value);
      } });
    new Gauge({ name: "hub_db_pool_connections", help: "Database pool connections by state", labelNames: ["state"], registers: [this.registry], collect() {
      const p = sources.pool();
      if (!p) return;
      this.set({ state: "in_use" }, p.total - p.idle);
      this.set({ state: "idle" }, p.idle);
      this.set({ state: "waiting" }, p.waiting);
    } });
    gauge("hub_access_log_backlog", "Access records waiting to be written", () => sources.accessLogBacklog());
    gauge("hub_ws_subscriptions", "Open event subscriptions on this instance", () => sources.subscriptions());
    gauge("hub_webhook_backlog_events", "Events committed beyond the slowest active webhook's cursor", () => sources.webhookBacklog().catch(() => -1));
  }

  /** One answered /graphql request. */
  request(facts: { operation?: string | null; audience?: string } | undefined, status: number, seconds: number): void {
    const operation = labelOf(facts?.operation, this.operations);
    const audience = facts?.audience ?? "unidentified";
    this.requests.inc({ operation, audience, status: String(status) });
    this.latency.observe({ operation, audience }, seconds);
  }

  error(code: string): void {
    this.errors.inc({ code: /^[A-Z_]{1,40}$/.test(code) ? code : "OTHER" });
  }

  webhookFailure(): void {
    this.webhookFailures.inc();
  }

  async respond(res: http.ServerResponse): Promise<void> {
    const text = await this.registry.metrics();
    res.writeHead(200, { "content-type": this.registry.contentType, "content-length": Buffer.byteLength(text) });
    res.end(text);
  }
}

import { randomUUID } from "node:crypto";
import http from "node:http";
import type { Logger } from "../shared/logger";
import type { HubMetrics } from "./metrics";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import type { RequestContext } from "../modules/context";
import { persistedQueryOf, persistedQueryProblem } from "./persisted-query";
import { type PageRoute, type PageRunner, servePages } from "./pages";
import type { Tracing } from "./tracing";
import type { TrustedDocuments } from "./trusted-documents";

export interface Readiness {
  /** Resolves true when the database answers and start-up (migrations, demo data) is complete. */
  check(): Promise<boolean>;
}

export interface HttpOptions {
  maxBodyBytes: number;
  /** Origins whose browser frontends may call /graphql (CORS); empty: none. */
  corsOrigins: readonly string[];
  /** One structured line per request (request id, status, duration); never a token or variables. */
  logger: Logger;
  /** documentId → text, and the refusal of other documents when only trusted documents may run. */
  trustedDocuments: TrustedDocuments;
  /** Server-rendered pages (reports), tried in order before a 404. */
  pages: { routes: readonly PageRoute[]; runner: PageRunner };
  /** The explorer's pages and files (null: not served). */
  explorer: ((req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => boolean) | null;
  /** A span per request when OpenTelemetry is configured. */
  tracing: Tracing;
  /** GET /metrics, when configured (null: 404). */
  metrics: { hub: HubMetrics; token: string | null } | null;
  /** Slow or idle clients and connection floods (see Config.http). */
  limits: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number; maxConnections: number };
  /** Builds the per-request context; throws a GraphQL error (e.g. 401) to refuse the request. */
  context: (req: http.IncomingMessage) => Promise<RequestContext>;
  readiness: Readiness;
  /** False until the database is open: /graphql answers 503 meanwhile. */
  serving: () => boolean;
  /** True once shutdown began: answers carry Connection: close. */
  stopping: () => boolean;
}

class BodyTooLarge extends Error {}

/**
 * What the request log may say of a request beyond its line (the operation's name, the caller's
 * audience and agency id): set by the context as it identifies the caller. Never a token, an ID
 * number or a variable's value.
 */
export const requestFacts = new WeakMap<http.IncomingMessage, { operation?: string | null; audience?: string; agencyId?: string | null }>();

// The Node request behind each request handed to Apollo. Apollo passes that object on as
// request.http because batching is off (create-server.ts); a batch's items would get copies.
const nodeRequests = new WeakMap<object, http.IncomingMessage>();

/**
 * Apollo resolved the request's operation: the log line and the metrics name it so. Only a
 * resolved name is kept (never what a client merely claims in operationName, for a request refused
 * before), cut to 100 characters.
 */
export function noteOperation(httpGraphQLRequest: object | undefined, operationName: string | null): void {
  const req = httpGraphQLRequest && nodeRequests.get(httpGraphQLRequest);
  if (req) requestFacts.set(req, { ...requestFacts.get(req), operation: operationName?.slice(0, 100) ?? null });
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        reject(new BodyTooLarge());
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}


/** /graphql through Apollo, plus the probes /healthz (process up) and /readyz (able to serve). */
export function createHttpServer(apollo: ApolloServer<RequestContext>, options: HttpOptions): http.Server {
  const { headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs, maxConnections } = options.limits;
  const server = http.createServer(
    {
      // A sender that trickles its headers or body is answered 408 and cut off when the whole
      // header block (or request) has not arrived in time; Node checks every connection at
      // this interval, so the cut comes at most a second late.
      headersTimeout: headersTimeoutMs,
      requestTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, headersTimeoutMs),
      keepAliveTimeout: keepAliveTimeoutMs,
      maxHeaderSize: 16 * 1024,
    },
    (req, res) => void handle(apollo, options, req, res),
  );
  // Beyond the cap Node closes new connections at once instead of queueing them.
  server.maxConnections = maxConnections;
  return server;
}

/** A client's own request id is kept when it is short and plain; otherwise the hub makes one. */
function requestIdOf(req: http.IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[A-Za-z0-9._-]{1,64}$/.test(given) ? given : randomUUID();
}

const CORS_HEADERS = "authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id";

/**
 * CORS for browser frontends on the allowed origins: their requests get their origin back (never
 * "*", and no credentials: the key travels in Authorization), and their preflights are answered.
 * A preflight from another origin is refused with 403. CSRF prevention stays on for everything
 * else (Apollo: a JSON POST or a custom header, which browsers preflight).
 */
function cors(options: HttpOptions, req: http.IncomingMessage, res: http.ServerResponse): "preflight-done" | null {
  const origin = typeof req.headers.origin === "string" ? req.headers.origin.toLowerCase() : null;
  const allowed = origin !== null && options.corsOrigins.includes(origin);
  if (origin !== null) res.setHeader("vary", "Origin");
  if (allowed) {
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("access-control-expose-headers", "retry-after, x-request-id");
  }
  if (req.method !== "OPTIONS" || !req.headers["access-control-request-method"]) return null;
  if (!allowed) {
    sendJson(res, 403, { error: `origin ${origin ?? "(none)"} may not call this hub from a browser; ask its operators to add it to HUB_CORS_ORIGINS` });
    return "preflight-done";
  }
  res.writeHead(204, { "access-control-allow-methods": "GET, POST", "access-control-allow-headers": CORS_HEADERS, "access-control-max-age": "600" });
  res.end();
  return "preflight-done";
}

async function handle(apollo: ApolloServer<RequestContext>, options: HttpOptions, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://hub");
  const requestId = requestIdOf(req);
  const started = performance.now();
  res.setHeader("x-request-id", requestId);
  // A /graphql request refused before Apollo sees it, counted by its code like Apollo's errors.
  const refuse = (status: number, code: string, message: string, field?: string) => {
    options.metrics?.hub.error(code);
    sendJson(res, status, { errors: [{ message, extensions: field === undefined ? { code } : { code, field } }] });
  };
  const probe = url.pathname === "/healthz" || url.pathname === "/readyz" || url.pathname === "/metrics";
  const endSpan = probe ? null : options.tracing.startRequest(req, url.pathname);
  res.once("finish", () => {
    if (probe) return;
    endSpan?.({ requestId, status: res.statusCode, ...requestFacts.get(req) });
    if (url.pathname === "/graphql" && req.method !== "OPTIONS") options.metrics?.hub.request(requestFacts.get(req), res.statusCode, (performance.now() - started) / 1000);
    options.logger.info(
      { requestId, method: req.method, path: url.pathname, status: res.statusCode, ms: Math.round((performance.now() - started) * 10) / 10, ...requestFacts.get(req) },
      "request",
    );
  });
  try {
    if (cors(options, req, res)) return;
    if (url.pathname === "/healthz" && req.method === "GET") return sendJson(res, 200, { status: "ok" });
    if (url.pathname === "/readyz" && req.method === "GET") {
      const ready = await options.readiness.check();
      return sendJson(res, ready ? 200 : 503, { status: ready ? "ready" : "not ready" });
    }
    if (url.pathname === "/metrics" && req.method === "GET" && options.metrics) {
      const { hub, token } = options.metrics;
      if (token !== null && req.headers.authorization !== `Bearer ${token}`) return sendJson(res, 401, { error: "send Authorization: Bearer <HUB_METRICS_TOKEN>" });
      return await hub.respond(res);
    }
    if (url.pathname !== "/graphql") {
      if (options.explorer?.(req, res, url.pathname)) return;
      if (options.serving() && (await servePages(options.pages.routes, options.pages.runner, req, res, url))) return;
      return sendJson(res, 404, { error: "not found" });
    }
    if (!options.serving()) return refuse(503, "SERVICE_UNAVAILABLE", "The hub is starting or stopping; try again shortly.");

    let body: unknown;
    if (req.method === "POST") {
      const text = await readBody(req, options.maxBodyBytes);
      const type = String(req.headers["content-type"] ?? "");
      try {
        body = type.includes("json") && text ? JSON.parse(text) : text;
      } catch {
        return refuse(400, "BAD_REQUEST", "The request body is not valid JSON.");
      }
    }
    const { query, extensions } = persistedQueryOf(req.method ?? "GET", body, url.searchParams);
    const problem = persistedQueryProblem(query, extensions);
    if (problem) return refuse(400, "BAD_USER_INPUT", problem.message, problem.field);
    const documentId = req.method === "GET" ? url.searchParams.get("documentId") : (body as { documentId?: unknown } | undefined)?.documentId;
    const trusted = options.trustedDocuments.resolve(documentId ?? undefined, query);
    if ("code" in trusted) return refuse(400, trusted.code, trusted.message, trusted.field);
    if (documentId !== null && documentId !== undefined) {
      // Apollo runs the manifest's text as if it had been sent.
      if (req.method === "GET") {
        url.searchParams.delete("documentId");
        url.searchParams.set("query", trusted.query!);
      } else {
        const { documentId: _id, ...rest } = body as Record<string, unknown>;
        body = { ...rest, query: trusted.query };
      }
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    const httpGraphQLRequest = { method: req.method ?? "GET", headers, search: url.search, body };
    nodeRequests.set(httpGraphQLRequest, req);
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: () => options.context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (options.stopping()) res.setHeader("connection", "close");
    res.statusCode = response.status ?? 200;
    if (response.body.kind === "complete") {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  } catch (err) {
    if (err instanceof BodyTooLarge) {
      return refuse(413, "PAYLOAD_TOO_LARGE", `The request body exceeds ${options.maxBodyBytes} bytes.`);
    }
    if (!res.headersSent) refuse(500, "INTERNAL_SERVER_ERROR", "Internal server error.");
    else res.destroy();
  }
}

import type http from "node:http";
import { type DocumentNode, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema, execute, getOperationAST } from "graphql";
import type { Actor } from "../auth/actor";
import type { Services } from "../modules";
import type { ReportFont } from "../modules/credit-report/credit-report-font";
import type { RequestContext } from "../modules/context";
import { DomainError } from "../shared/errors";
import { httpStatusOf } from "./format-error";
import { escapeHtml } from "../shared/html";

/**
 * Server-rendered pages (reports people look at rather than read as JSON). A page reads its data
 * by running a GraphQL operation through the same shielded schema as the API, in the caller's
 * context, so it shows exactly what the caller's `/graphql` answer would, and what it read is
 * written to the access log under the operation's name, like any request.
 */
export interface PageDeps {
  schema: GraphQLSchema;
  /** Who is calling (throws a DomainError to refuse), from an Authorization header. */
  authenticate(authorization: string | undefined, address: string): Promise<Actor>;
  admit(actor: Actor, address: string): void;
  context(actor: Actor, address: string): RequestContext;
  logAccess(context: RequestContext, operationName: string | null): Promise<void>;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  services(): Services;
  reportFont(): ReportFont | null;
}

/** One page: answers its paths (true) or leaves the request to the next (false). */
export type PageRoute = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, pages: PageRunner) => Promise<boolean>;

export interface PageRunner {
  /** The hub's services (a page may need one beside its operation, e.g. to open a signed link). */
  services(): Services;
  /** The embedded CJK font, for pages printed as PDF (null: the hub started without it). */
  reportFont(): ReportFont | null;
  /** The caller of this request: its key or token as a bearer header (none: the public audience). */
  actorOf(req: http.IncomingMessage): Promise<Actor>;
  /** A request context for `actor`, for a page that reads through the services rather than GraphQL (a stored file). */
  context(actor: Actor, req: http.IncomingMessage): RequestContext;
  /** Writes the access record of what `context` read, before the page leaves (as run does). */
  logAccess(context: RequestContext, operationName: string): Promise<void>;
  /** Runs `document` as `actor`, access-logged; the errors are formatted as the API's are. */
  run<T>(actor: Actor, req: http.IncomingMessage, document: DocumentNode, variables: Record<string, unknown>): Promise<{ data: T | null; errors: GraphQLFormattedError[] }>;
}

/** A page's refusal as a short HTML page with the status its code means. */
export function sendPageError(res: http.ServerResponse, code: string, message: string): void {
  const status = httpStatusOf(code, 500);
  const body = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${status}</title></head><body><h1>${status}</h1><p>${escapeHtml(message)}</p><p><code>${escapeHtml(code)}</code></p></body></html>`;
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "content-length": Buffer.byteLength(body), "x-content-type-options": "nosniff" });
  res.end(body);
}

export function createPageRunner(deps: PageDeps): PageRunner {
  const addressOf = (req: http.IncomingMessage) => req.socket.remoteAddress ?? "unknown";
  return {
    services: deps.services,
    reportFont: deps.reportFont,
    async actorOf(req) {
      const actor = await deps.authenticate(req.headers.authorization, addressOf(req));
      deps.admit(actor, addressOf(req));
      return actor;
    },
    context: (actor, req) => deps.context(actor, addressOf(req)),
    logAccess: (context, operationName) => deps.logAccess(context, operationName),
    async run<T>(actor: Actor, req: http.IncomingMessage, document: DocumentNode, variables: Record<string, unknown>) {
      const context = deps.context(actor, addressOf(req));
      const result = (await execute({ schema: deps.schema, document, contextValue: context, variableValues: variables })) as ExecutionResult<T>;
      // What the page shows was read: the record is written before the page leaves, as for /graphql.
      await deps.logAccess(context, getOperationAST(document)?.name?.value ?? null);
      return { data: (result.data ?? null) as T | null, errors: (result.errors ?? []).map((e) => deps.formatError(e.toJSON(), e)) };
    },
  };
}

/** Serves the first page route that takes the request; DomainErrors become error pages. */
export async function servePages(routes: readonly PageRoute[], runner: PageRunner, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean> {
  try {
    for (const route of routes) if (await route(req, res, url, runner)) return true;
    return false;
  } catch (err) {
    if (err instanceof DomainError) {
      if (err.retryAfterSeconds !== undefined) res.setHeader("retry-after", String(err.retryAfterSeconds));
      sendPageError(res, err.code, err.message);
      return true;
    }
    throw err;
  }
}

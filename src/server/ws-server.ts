import type http from "node:http";
import type { Duplex } from "node:stream";
import { type DocumentNode, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, getOperationAST, parse, specifiedRules, validate } from "graphql";
import type { Context as WsContext } from "graphql-ws";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer, type WebSocket } from "ws";
import { type Actor, callerKeyOf } from "../auth/actor";
import type { RequestContext } from "../modules/context";
import { DomainError, ErrorCode } from "../shared/errors";
import type { Logger } from "../shared/logger";
import { armorProtection, tokenLimitParseOptions } from "./plugins/limits";
import type { TrustedDocuments } from "./trusted-documents";

export interface WsOptions {
  schema: GraphQLSchema;
  logger: Logger;
  production: boolean;
  limits: { maxSubscriptionsPerKey: number; maxMessageBytes: number; pingMs: number; authRecheckMs: number };
  /** False until the database is open and while stopping. */
  serving(): boolean;
  /** Who is calling (throws a DomainError to refuse); `recheck` skips the failure counting of a first attempt. */
  authenticate(authorization: string, address: string, recheck: boolean): Promise<Actor>;
  /** Throws a DomainError (RATE_LIMITED) when the caller is over its request rate. */
  admit(actor: Actor, address: string): void;
  context(actor: Actor): RequestContext;
  /** After each event sent: a fresh context for the next (loaders must not serve yesterday's rows). */
  renew(context: RequestContext): void;
  /** Writes the access record of what one event read; rejects when the log cannot take it. */
  logAccess(context: RequestContext, operationName: string | null): Promise<void>;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** With only trusted documents allowed, a subscription's text must be the manifest's. */
  trustedDocuments: TrustedDocuments;
}

/** Close codes of the graphql-transport-ws protocol's private range, with the reason as a sentence. */
const CLOSE = { unauthorized: 4401, rateLimited: 4429, unavailable: 4503 } as const;

interface Connection {
  actor: Actor;
  caller: string;
  subscriptions: Set<string>;
  recheck: NodeJS.Timeout;
}


function authorizationOf(params: Record<string, unknown> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization;
  return typeof value === "string" ? value : undefined;
}

const refusal = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];

/**
 * GraphQL over WebSocket (the graphql-transport-ws protocol, graphql-ws's server) on the HTTP
 * server's port at /graphql. Only subscriptions travel here: queries and mutations stay on HTTP,
 * where CSRF prevention, the cost limit and the request log apply. A connection is identified in
 * connection_init by the same keys and JWTs as HTTP and refused before anything flows when it is
 * not; its key is checked again every `authRecheckMs`, and the socket closes once it is revoked.
 * Every event sent that read a record is an access record, like a read over HTTP.
 */
export function attachWebSocket(server: http.Server, options: WsOptions): { close(): Promise<void>; subscriptions(): number } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.limits.maxMessageBytes });
  const armor = armorProtection(options.production);
  const rules = [...specifiedRules, ...armor.validationRules];
  const connections = new WeakMap<WsContext, Connection>();
  const openPerCaller = new Map<string, number>();
  const count = (caller: string, delta: number) => {
    const n = (openPerCaller.get(caller) ?? 0) + delta;
    if (n > 0) openPerCaller.set(caller, n);
    else openPerCaller.delete(caller);
  };

  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(req.url ?? "/", "http://hub").pathname !== "/graphql") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
  };
  server.on("upgrade", onUpgrade);

  const socketOf = (ctx: WsContext) => (ctx.extra as { socket: WebSocket }).socket;
  const addressOf = (ctx: WsContext) => (ctx.extra as { request: http.IncomingMessage }).request.socket.remoteAddress ?? "unknown";
  const close = (ctx: WsContext, code: number, reason: string) => socketOf(ctx).close(code, reason.slice(0, 120));

  const handle = useServer<Record<string, unknown>>(
    {
      schema: options.schema,
      connectionInitWaitTimeout: 5_000,
      onConnect: async (ctx) => {
        if (!options.serving()) {
          close(ctx, CLOSE.unavailable, "The hub is starting or stopping; try again shortly.");
          return false;
        }
        const authorization = authorizationOf(ctx.connectionParams);
        if (!authorization) {
          close(ctx, CLOSE.unauthorized, 'Send your key in connection_init: { "authorization": "Bearer <key>" }.');
          return false;
        }
        let actor: Actor;
        try {
          actor = await options.authenticate(authorization, addressOf(ctx), false);
        } catch (err) {
          const rateLimited = err instanceof DomainError && err.code === ErrorCode.RATE_LIMITED;
          close(ctx, rateLimited ? CLOSE.rateLimited : err instanceof DomainError ? CLOSE.unauthorized : CLOSE.unavailable,
            err instanceof DomainError ? err.message : "The hub could not check the key; try again shortly.");
          return false;
        }
        const recheck = setInterval(() => {
          options.authenticate(authorization, addressOf(ctx), true).catch((err) => {
            // A database that does not answer is no revocation: the next check decides.
            if (err instanceof DomainError && err.code === ErrorCode.UNAUTHENTICATED) close(ctx, CLOSE.unauthorized, err.message);
          });
        }, options.limits.authRecheckMs);
        recheck.unref();
        connections.set(ctx, { actor, caller: callerKeyOf(actor, addressOf(ctx)), subscriptions: new Set(), recheck });
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const conn = connections.get(ctx)!;
        try {
          options.admit(conn.actor, addressOf(ctx));
        } catch (err) {
          return refusal(err instanceof DomainError ? err.message : "Too many requests.", ErrorCode.RATE_LIMITED);
        }
        if (!options.trustedDocuments.allows(payload.query)) {
          return refusal("This hub runs only its trusted documents: send the text of a subscription in its manifest (the client kit).", "PERSISTED_QUERY_NOT_FOUND");
        }
        let document: DocumentNode;
        try {
          document = parse(payload.query, tokenLimitParseOptions);
        } catch (err) {
          return [err instanceof GraphQLError ? err : new GraphQLError("The document could not be parsed.")].map((e) =>
            new GraphQLError(e.message, { extensions: { code: "GRAPHQL_PARSE_FAILED" } }));
        }
        const errors = validate(options.schema, document, rules);
        if (errors.length) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return refusal("Name the operation to run (operationName).", "BAD_REQUEST");
        if (operation.operation !== "subscription") {
          return refusal(`${operation.operation} operations are served over HTTP (POST /graphql); the WebSocket carries subscriptions.`, "BAD_REQUEST");
        }
        if ((openPerCaller.get(conn.caller) ?? 0) >= options.limits.maxSubscriptionsPerKey) {
          return refusal(`A key may hold at most ${options.limits.maxSubscriptionsPerKey} open subscriptions; complete one first.`, ErrorCode.RATE_LIMITED);
        }
        conn.subscriptions.add(id);
        count(conn.caller, 1);
        return {
          schema: options.schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue: options.context(conn.actor),
        };
      },
      onNext: async (_ctx, _id, _payload, args, result) => {
        const context = args.contextValue as RequestContext;
        try {
          await options.logAccess(context, getOperationAST(args.document, args.operationName)?.name?.value ?? null);
        } catch {
          // An event whose reading is not in the log is not sent.
          return { errors: [{ message: "The access log is unavailable; try again shortly.", extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }] };
        } finally {
          options.renew(context);
        }
        const { errors, ...rest } = result;
        return errors ? { ...rest, errors: errors.map((e) => options.formatError(e.toJSON(), e)) } : rest;
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => options.formatError(e.toJSON(), e)),
      onComplete: (ctx, id) => {
        const conn = connections.get(ctx);
        if (conn?.subscriptions.delete(id)) count(conn.caller, -1);
      },
      onClose: (ctx) => {
        const conn = connections.get(ctx);
        if (!conn) return;
        clearInterval(conn.recheck);
        count(conn.caller, -conn.subscriptions.size);
        conn.subscriptions.clear();
        connections.delete(ctx);
      },
    },
    wss,
    options.limits.pingMs,
  );

  return {
    subscriptions: () => [...openPerCaller.values()].reduce((n, k) => n + k, 0),
    close: async () => {
      server.off("upgrade", onUpgrade);
      for (const client of wss.clients) client.close(1001, "The hub is stopping.");
      await handle.dispose();
    },
  };
}

import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";

export interface Received<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Subscriber<T = any> {
  /** Every result received, in order. */
  results: Received<T>[];
  /** Resolves once `n` results have arrived (rejects after `ms`). */
  waitFor(n: number, ms?: number): Promise<Received<T>[]>;
  /** The error the server answered the subscription with, once it did. */
  error: Promise<unknown>;
  /** How the socket closed (code and reason), once it did. */
  closed: Promise<{ code: number; reason: string }>;
  /** The connection_ack arrived. */
  acknowledged: Promise<void>;
  dispose(): Promise<void>;
}

const wsUrl = (httpUrl: string) => `${httpUrl.replace(/^http/, "ws")}/graphql`;

/** A graphql-ws client (the graphql-transport-ws protocol) holding one subscription, as an agency system would run it. */
export function subscribe<T = any>(httpUrl: string, token: string | null, query: string, variables: Record<string, unknown> = {}): Subscriber<T> {
  let onClosed!: (v: { code: number; reason: string }) => void;
  let onAck!: () => void;
  let onError!: (e: unknown) => void;
  const closed = new Promise<{ code: number; reason: string }>((r) => (onClosed = r));
  const acknowledged = new Promise<void>((r) => (onAck = r));
  const error = new Promise<unknown>((r) => (onError = r));
  const client: Client = createClient({
    url: wsUrl(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    on: {
      connected: () => onAck(),
      closed: (event) => {
        const e = event as { code: number; reason: string | Buffer };
        onClosed({ code: e.code, reason: String(e.reason) });
      },
    },
    onNonLazyError: () => undefined,
  });
  const results: Received<T>[] = [];
  const waiters: (() => void)[] = [];
  client.subscribe<T>({ query, variables }, {
    next: (value) => {
      results.push(value as Received<T>);
      for (const w of waiters.splice(0)) w();
    },
    error: (e) => onError(e),
    complete: () => undefined,
  });
  return {
    results,
    closed,
    acknowledged,
    error,
    waitFor(n, ms = 5_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${results.length} of ${n} results after ${ms} ms: ${JSON.stringify(results).slice(0, 500)}`)), ms);
        const check = () => {
          if (results.length >= n) {
            clearTimeout(timer);
            resolve(results.slice(0, n));
          } else waiters.push(check);
        };
        check();
      });
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}

/** A bare WebSocket speaking graphql-transport-ws up to connection_init: what the server answers first. */
export function connectRaw(httpUrl: string, initPayload: Record<string, unknown>): Promise<{ acked: boolean; code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(httpUrl), "graphql-transport-ws");
    let acked = false;
    socket.on("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: initPayload })));
    socket.on("message", (data) => {
      if (JSON.parse(String(data)).type === "connection_ack") {
        acked = true;
        socket.close(1000);
      }
    });
    socket.on("close", (code, reason) => resolve({ acked, code, reason: String(reason) }));
    socket.on("error", reject);
  });
}

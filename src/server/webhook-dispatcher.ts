import { type GraphQLFormattedError, type GraphQLSchema, execute, parse } from "graphql";
import { Webhook as Signer } from "standardwebhooks";
import type { AgencyActor } from "../auth/actor";
import type { Services } from "../modules";
import type { RequestContext } from "../modules/context";
import type { ClaimedWebhook, WebhookSettings } from "../modules/webhook/webhook.service";
import type { Logger } from "../shared/logger";

export interface DispatcherOptions {
  schema: GraphQLSchema;
  services: Services;
  settings: WebhookSettings;
  logger: Logger;
  context(actor: AgencyActor): RequestContext;
  /** Writes the access record of what one delivery read; rejects when the log cannot take it. */
  logAccess(context: RequestContext, operationName: string): Promise<void>;
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** Each failed attempt (a metric). */
  onFailure?(): void;
}

/**
 * What a webhook receives of each event: the owner's own `events` feed, read through the shielded
 * schema as that agency, so every field passes the same shields and row rules as its queries
 * (a field it may not read arrives null, with its FORBIDDEN error beside it).
 */
const OPERATION = "WebhookDelivery";
const DOCUMENT = parse(`query ${OPERATION}($kinds: [HubEventKind!], $after: String, $first: Int) {
  events(kinds: $kinds, after: $after, first: $first) {
    pageInfo { hasNextPage }
    edges { node {
      id kind at summary
      enterprise { creditCode name regionCode }
      sanctionTask { id department dueOn overdue measure { code title } }
      objection { id trackingNumber status dueOn }
    } }
  }
}`);
const PAGE = 20;
const CLAIM = 8;

interface EventNode {
  id: string;
  kind: string;
  at: string;
}

/**
 * Delivers webhooks from this instance. Any number of instances may run one: each claims due
 * webhooks with a lease (WebhookService.claim), so one webhook is served by one worker at a time,
 * in event order, and a worker that dies mid-delivery only delays its webhooks until the lease
 * ends (the event is then delivered again, with the same webhook-id: at least once). Woken by
 * every event commit (the instance's LISTEN connection), and every `pollMs` for due retries.
 */
export function startWebhookDispatcher(options: DispatcherOptions): { stop(): Promise<void> } {
  const { services, settings, logger } = options;
  const abort = new AbortController();
  const signal = services.events.signal;

  const loop = async () => {
    while (!abort.signal.aborted) {
      const seen = signal.current;
      let claimed: ClaimedWebhook[] = [];
      try {
        claimed = await services.webhook.claim(CLAIM);
        await Promise.all(claimed.map((w) => deliver(w)));
      } catch (err) {
        logger.warn({ err }, "webhook delivery round failed");
      }
      if (claimed.length < CLAIM) await signal.wait(seen, settings.pollMs, abort.signal);
    }
  };

  const deliver = async (w: ClaimedWebhook) => {
    try {
      for (;;) {
        const context = options.context(w.owner);
        const result = await execute({ schema: options.schema, document: DOCUMENT, contextValue: context, variableValues: { kinds: w.kinds, after: w.cursor, first: PAGE } });
        const page = (result.data as { events?: { pageInfo: { hasNextPage: boolean }; edges: { node: EventNode }[] } } | null)?.events;
        if (!page) throw new Error(`the feed was refused: ${result.errors?.[0]?.message}`);
        // What a delivery reads is logged like a read; without the record nothing is sent.
        await options.logAccess(context, OPERATION);
        for (const [index, edge] of page.edges.entries()) {
          const errors = (result.errors ?? []).filter((e) => e.path?.[2] === index).map((e) => options.formatError(e.toJSON(), e));
          if (!(await post(w, edge.node, errors))) return;
        }
        if (!page.pageInfo.hasNextPage) return await services.webhook.release(w, true);
      }
    } catch (err) {
      logger.warn({ err, webhook: w.id }, "webhook delivery stopped; retrying at the next round");
      await services.webhook.release(w, false).catch(() => undefined);
    }
  };

  /** One attempt at one event; true when the receiver took it (2xx). */
  const post = async (w: ClaimedWebhook, node: EventNode, errors: GraphQLFormattedError[]): Promise<boolean> => {
    const id = `evt_${node.id}`;
    const now = new Date();
    const body = JSON.stringify({ type: node.kind, timestamp: now.toISOString(), data: { event: node, ...(errors.length ? { errors } : {}) } });
    let status: number | null = null;
    let problem: string;
    try {
      const res = await fetch(w.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "credit-hub-webhooks",
          "webhook-id": id,
          "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
          "webhook-signature": new Signer(w.secret).sign(id, now, body),
        },
        body,
        // A redirect could lead outside the allowed hosts: it counts as a failure.
        redirect: "manual",
        signal: AbortSignal.any([AbortSignal.timeout(settings.timeoutMs), abort.signal]),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (status >= 200 && status < 300) {
        await services.webhook.delivered(w, node.id, status);
        return true;
      }
      problem = `the receiver answered HTTP ${status}`;
    } catch (err) {
      const e = err as { name?: string; cause?: { code?: string; message?: string } };
      problem = e.name === "TimeoutError"
        ? `the receiver did not answer within ${settings.timeoutMs} ms`
        : `the receiver could not be reached (${e.cause?.code ?? e.cause?.message ?? e.name ?? "network error"})`;
    }
    if (abort.signal.aborted) {
      // Stopping: the attempt does not count; the lease ends and another worker resumes here.
      await services.webhook.release(w, false).catch(() => undefined);
      return false;
    }
    options.onFailure?.();
    const outcome = await services.webhook.failed(w, node.id, status, problem);
    if (outcome === "deactivated") logger.warn({ webhook: w.id, url: w.url }, "webhook switched off after failing for the whole retry window");
    return false;
  };

  const running = loop();
  return {
    stop: async () => {
      abort.abort();
      await running;
    },
  };
}

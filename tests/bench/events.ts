import http from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { Department } from "../../src/auth/department.enums";
import { loadConfig } from "../../src/config";
import { openDatabase } from "../../src/db/database";
import { HubEventKind } from "../../src/modules/event/event.enums";
import { EventService } from "../../src/modules/event/event.service";
import { gql } from "./load";
import type { RunningServer } from "./servers";

export interface EventBench {
  subscriberP50: number;
  subscriberP99: number;
  webhookP50: number;
  webhookP99: number;
  /** Events per second reaching every one of `subscribers` subscriptions (deliveries / s ÷ subscribers). */
  fanoutEventsPerSecond: number;
  /** The same burst to a single subscription. */
  singleEventsPerSecond: number;
  subscribers: number;
  /** Resident memory the hub grew by per idle open subscription, in KB. */
  idleKbPerSubscription: number;
  written: number;
}

const SUBSCRIPTION = `subscription($after: String) { events(kinds: [SANCTION_TASK_OVERDUE], after: $after) { id summary } }`;
const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Push latency and fan-out on a running hub: a writer in this process appends events addressed
 * to the bench agency's department at a steady rate, each in its own transaction; one
 * subscription and one webhook (a receiver on loopback) note when each arrives, against the
 * moment its commit returned. Then a burst to many subscriptions at once, and the memory an idle
 * subscription holds.
 */
export async function benchEvents(
  server: RunningServer,
  env: Record<string, string>,
  token: string,
  options: { seconds: number; ratePerSecond: number; subscribers: number; burst: number },
): Promise<EventBench> {
  const config = loadConfig({ ...process.env, ...env, HUB_DEMO_SEED: "off", LOG_LEVEL: "silent" });
  const db = await openDatabase(config, "cli");
  const events = new EventService(db.dataSource);
  const committedAt = new Map<string, number>();
  let seq = 0;
  const write = async (n = 1) => {
    const labels = Array.from({ length: n }, () => `bench ${seq++}`);
    await db.dataSource.transaction((tx) =>
      events.append(tx, labels.map((summary) => ({ kind: HubEventKind.SANCTION_TASK_OVERDUE, departments: [Department.EMERGENCY_MANAGEMENT], enterpriseId: null, summary }))),
    );
    const at = performance.now();
    for (const l of labels) committedAt.set(l, at);
  };

  // Arrival times by summary: an event may arrive before this process sees its commit return.
  const arrived = { ws: new Map<string, number>(), webhook: new Map<string, number>() };
  const latencies = (m: Map<string, number>) => [...m].flatMap(([summary, at]) => {
    const committed = committedAt.get(summary);
    return committed === undefined ? [] : [Math.max(0, at - committed)];
  });
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      arrived.webhook.set(JSON.parse(body).data.event.summary as string, performance.now());
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/bench`;
  const registered = await gql(server.url, token, `mutation($url: String!) { registerWebhook(url: $url, kinds: [SANCTION_TASK_OVERDUE]) { webhook { id } } }`, { url: hookUrl });
  const webhookId = (registered.registerWebhook as { webhook: { id: string } }).webhook.id;

  const clients: ReturnType<typeof createClient>[] = [];
  const open = (onEvent: (summary: string) => void) => {
    const client = createClient({ url: `${server.url.replace(/^http/, "ws")}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false });
    clients.push(client);
    client.subscribe<{ events: { summary: string } }>({ query: SUBSCRIPTION }, { next: (r) => r.data && onEvent(r.data.events.summary), error: () => undefined, complete: () => undefined });
    return client;
  };
  try {
    // Steady writes: one subscription and one webhook, latency from commit to arrival.
    open((summary) => void arrived.ws.set(summary, performance.now()));
    await sleep(500);
    const total = Math.max(10, Math.round(options.seconds * options.ratePerSecond));
    for (let k = 0; k < total; k++) {
      await write();
      await sleep(1000 / options.ratePerSecond);
    }
    for (let w = 0; w < 100 && (arrived.ws.size < total || arrived.webhook.size < total); w++) await sleep(100);
    const ws = latencies(arrived.ws);
    const webhook = latencies(arrived.webhook);
    if (ws.length < total || webhook.length < total) throw new Error(`events lost: ${ws.length} and ${webhook.length} of ${total} arrived`);

    // Memory: RSS before and after opening idle subscriptions (none receives anything meanwhile).
    const before = server.rssKb();
    let arrivals = 0;
    const burstDone = (want: number) => new Promise<number>((resolve) => {
      const started = performance.now();
      const check = setInterval(() => {
        if (arrivals >= want || performance.now() - started > 30_000) {
          clearInterval(check);
          resolve(performance.now() - started);
        }
      }, 5);
    });
    for (let k = 0; k < options.subscribers; k++) open(() => void arrivals++);
    await sleep(2_000);
    const idleKbPerSubscription = Math.max(0, (server.rssKb() - before) / options.subscribers);

    // Fan-out: one burst, written in one transaction, to every subscription.
    arrivals = 0;
    const fanout = burstDone(options.burst * options.subscribers);
    await write(options.burst);
    const fanoutMs = await fanout;
    for (const c of clients.splice(1)) await c.dispose();

    // The same burst to one subscription.
    arrivals = 0;
    open(() => void arrivals++);
    await sleep(500);
    const single = burstDone(options.burst);
    await write(options.burst);
    const singleMs = await single;

    return {
      subscriberP50: percentile(ws, 50), subscriberP99: percentile(ws, 99),
      webhookP50: percentile(webhook, 50), webhookP99: percentile(webhook, 99),
      fanoutEventsPerSecond: (options.burst / fanoutMs) * 1000, singleEventsPerSecond: (options.burst / singleMs) * 1000,
      subscribers: options.subscribers, idleKbPerSubscription, written: total,
    };
  } finally {
    for (const c of clients) await c.dispose();
    await gql(server.url, token, `mutation($id: ID!) { removeWebhook(id: $id) { id } }`, { id: webhookId }).catch(() => undefined);
    await new Promise((r) => receiver.close(r));
    await db.close();
  }
}

import net from "node:net";
import { statementCounter } from "../../../src/db/statement-counter";
import { startTestHub, type TestHub } from "../../helpers/test-hub";

const ME = `{ me { department } }`;

/** Opens a raw TCP connection to the hub; resolves with the bytes received and how long until the hub closed it. */
function rawConnection(url: string) {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  let received = "";
  const opened = Date.now();
  socket.on("data", (d) => (received += d));
  const closed = new Promise<{ ms: number; received: string }>((resolve) => {
    socket.on("close", () => resolve({ ms: Date.now() - opened, received }));
    socket.on("error", () => undefined);
  });
  return { socket, closed, ready: new Promise<void>((r) => socket.once("connect", () => r())) };
}

/** Writes `text` a character at a time, every `everyMs`, until the socket closes. */
function trickle(socket: net.Socket, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++]);
  }, everyMs);
  socket.on("close", () => clearInterval(timer));
}

describe("pre-authentication work and slow clients", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({
      env: {
        AUTH_FAILURE_BURST: "5",
        AUTH_FAILURE_RATE_PER_SECOND: "1",
        HTTP_HEADERS_TIMEOUT_MS: "1000",
        HTTP_REQUEST_TIMEOUT_MS: "2000",
        HTTP_KEEP_ALIVE_TIMEOUT_MS: "500",
        HTTP_MAX_CONNECTIONS: "8",
      },
    });
  });
  afterAll(() => t.stop());

  it("turns a flood of bad keys into at most the burst of key lookups, then 429 with a retry hint", async () => {
    const good = await t.agency("CREDIT_OFFICE");
    await t.hub.flushAccessLog();
    const before = statementCounter.value;
    const answers = [];
    for (let i = 0; i < 60; i++) answers.push(await t.gql(ME, {}, `hub_guess${i}`));
    const lookups = statementCounter.value - before;
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(54);
    // One key lookup per 401; none for the refused ones.
    expect(lookups).toBe(statuses.filter((s) => s === 401).length);
    const refused = answers.find((a) => a.status === 429)!;
    expect(refused.errors?.[0].extensions).toMatchObject({ code: "RATE_LIMITED" });
    expect(refused.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    // The public audience (no key) is not held back by someone else's guessing at that address.
    expect((await t.gql(`{ sanctionMeasures { code } }`)).status).toBe(200);
    // Once the bucket refills, a real key from that address works again.
    await new Promise((r) => setTimeout(r, 1_200));
    const res = await t.gql(ME, {}, good);
    expect(res.status).toBe(200);
    expect(res.data?.me.department).toBe("CREDIT_OFFICE");
  });

  it("cuts off a client that trickles its headers", async () => {
    const c = rawConnection(t.hub.url);
    await c.ready;
    trickle(c.socket, `POST /graphql HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nX-Slow: ${"a".repeat(200)}\r\n\r\n`, 100);
    const { ms, received } = await c.closed;
    expect(ms).toBeLessThan(4_000);
    expect(received === "" || /^HTTP\/1\.1 408/.test(received)).toBe(true);
  });

  it("cuts off a client that trickles its body", async () => {
    const c = rawConnection(t.hub.url);
    await c.ready;
    const body = JSON.stringify({ query: ME });
    c.socket.write(`POST /graphql HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 500}\r\n\r\n`);
    trickle(c.socket, body + " ".repeat(500), 100);
    const { ms, received } = await c.closed;
    expect(ms).toBeLessThan(5_000);
    expect(received).not.toMatch(/"data"/);
  });

  it("closes idle keep-alive connections and refuses connections beyond the cap, then serves again", async () => {
    const idle = rawConnection(t.hub.url);
    await idle.ready;
    idle.socket.write(`GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n`);
    const { ms, received } = await idle.closed;
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(ms).toBeLessThan(3_000);

    const held = Array.from({ length: 8 }, () => rawConnection(t.hub.url));
    await Promise.all(held.map((c) => c.ready));
    // Let the server accept the eight before the ninth arrives.
    await new Promise((r) => setTimeout(r, 100));
    const extra = rawConnection(t.hub.url);
    extra.socket.write(`GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n`);
    const refused = await extra.closed;
    expect(refused.received).toBe("");
    for (const c of held) c.socket.destroy();
    await Promise.all(held.map((c) => c.closed));
    await new Promise((r) => setTimeout(r, 100));
    expect((await fetch(`${t.hub.url}/healthz`)).status).toBe(200);
  });
});

import autocannon from "autocannon";

export interface Sample {
  rps: number;
  p50: number;
  p99: number;
}

export interface Operation {
  query: string;
  variables: () => Record<string, unknown>;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
}

/** Autocannon on loopback: every request a fresh body (varied credit codes), any non-2xx fails the run. */
export async function load(url: string, token: string | null, op: Operation, options: LoadOptions): Promise<Sample> {
  const result = await autocannon({
    url: `${url}/graphql`,
    connections: options.connections,
    duration: options.seconds,
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: op.query, variables: op.variables() }) }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

export async function gql(url: string, token: string | null, query: string, variables: Record<string, unknown>) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: unknown[]; data?: Record<string, unknown> };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
  return body.data!;
}

/** Median latency of requests sent one at a time (the cost of one request, without queueing), in ms. */
export async function sequentialP50(url: string, token: string | null, op: Operation, requests: number): Promise<number> {
  for (let k = 0; k < 50; k++) await gql(url, token, op.query, op.variables()); // warm-up
  const times: number[] = [];
  for (let k = 0; k < requests; k++) {
    const started = performance.now();
    await gql(url, token, op.query, op.variables());
    times.push(performance.now() - started);
  }
  return median(times);
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * An open-loop load at a steady rate: requests leave evenly spaced (autocannon's rate limit sends
 * each second's requests in a burst, which measures the burst's queue, not the server). Latency
 * is counted from the moment a request was due, so a stalled server cannot hide its backlog.
 */
export async function pacedLoad(url: string, token: string | null, op: Operation, rate: number, seconds: number): Promise<Sample> {
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  let sent = 0;
  let failed = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    for (; sent < due; sent++) {
      const dueAt = started + (sent / rate) * 1000;
      const request: Promise<void> = gql(url, token, op.query, op.variables()).then(
        () => void latencies.push(performance.now() - dueAt),
        () => void failed++,
      ).finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inFlight);
  if (failed > 0) throw new Error(`${url}: ${failed} failed requests at ${rate} req/s`);
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 10) / 10;
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}

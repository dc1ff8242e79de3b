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
  /** Requests per second for all connections together; unset = as fast as the server answers. */
  rate?: number;
}

/** Autocannon on loopback: every request a fresh body (varied credit codes), any non-2xx fails the run. */
export async function load(url: string, token: string | null, op: Operation, options: LoadOptions): Promise<Sample> {
  const result = await autocannon({
    url: `${url}/graphql`,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
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

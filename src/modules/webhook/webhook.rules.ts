import { badInput } from "../../shared/errors";

/**
 * Where a webhook may point: an http(s) URL without credentials whose host (or host:port) is in
 * HUB_WEBHOOK_ALLOWED_HOSTS; none is allowed unless configured, so the hub cannot be made to
 * call arbitrary addresses inside the government network.
 */
export function checkWebhookUrl(url: string, allowedHosts: readonly string[]): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badInput("url", "url is not a valid URL (e.g. https://system.example.gov.cn/hub-events).");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw badInput("url", "url must be an http or https URL.");
  if (parsed.username || parsed.password) throw badInput("url", "url must not carry a user name or password; the signature authenticates the hub.");
  const host = parsed.hostname.toLowerCase();
  const hostPort = parsed.port ? `${host}:${parsed.port}` : host;
  if (!allowedHosts.includes(host) && !allowedHosts.includes(hostPort)) {
    throw badInput("url", allowedHosts.length
      ? `The host ${hostPort} is not among the hosts webhooks may be registered for; ask the hub's operators to allow it.`
      : "This hub allows no webhook hosts yet (HUB_WEBHOOK_ALLOWED_HOSTS); ask its operators.");
  }
  return parsed;
}

const MAX_WAIT_MS = 3_600_000;

/**
 * The wait after the n-th failed attempt at one event: base · 2^(n-1), capped at an hour, times
 * a jitter between 0.5 and 1.5, so that receivers coming back are not hit by every hub at once.
 */
export function retryDelayMs(failures: number, baseMs: number, random = Math.random()): number {
  const exponential = Math.min(baseMs * 2 ** Math.min(failures - 1, 30), MAX_WAIT_MS);
  return Math.round(exponential * (0.5 + random));
}

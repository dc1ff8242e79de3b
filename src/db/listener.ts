import { Client } from "pg";
import type { ConnectionTarget } from "./data-source";

export interface ListenerHandlers {
  /** A NOTIFY on one of the channels arrived (delivered by PostgreSQL at the sender's commit). */
  notify(channel: string, payload: string): void;
  /**
   * The listening connection is (again) up: whatever was announced while it was down was not
   * heard, so a reader resumes from its last id now.
   */
  connected(): void;
  /** The connection was lost; the listener retries on its own. */
  lost(err: unknown): void;
}

const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 5_000;

/**
 * One LISTEN connection per hub instance, outside the pool (a pooled connection would be handed
 * to queries and lose its LISTEN). When the server ends it (restart, failover,
 * pg_terminate_backend), it reconnects with growing pauses and tells its handlers it is back.
 */
export class PgListener {
  private client: Client | null = null;
  private stopped = false;
  private retryMs = RETRY_MIN_MS;
  private timer: NodeJS.Timeout | null = null;
  private up = false;

  constructor(
    private readonly target: ConnectionTarget,
    private readonly channels: readonly string[],
    private readonly handlers: ListenerHandlers,
  ) {
    for (const c of channels) if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new Error(`not a channel name: ${c}`);
  }

  /** True while the LISTEN connection is up. */
  get listening(): boolean {
    return this.up;
  }

  async start(): Promise<void> {
    await this.connect().catch((err) => this.retry(err));
  }

  private async connect(): Promise<void> {
    const config = "url" in this.target
      ? { connectionString: this.target.url }
      : { host: this.target.host, port: this.target.port, user: this.target.username, database: this.target.database };
    const client = new Client({ ...config, application_name: "credit-hub-listener", connectionTimeoutMillis: 5_000 });
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      this.up = false;
      this.client = null;
      client.removeAllListeners("notification");
      void client.end().catch(() => undefined);
      if (!this.stopped) this.retry(err);
    };
    client.on("error", fail);
    client.on("end", () => fail(new Error("listening connection ended")));
    client.on("notification", (n) => this.handlers.notify(n.channel, n.payload ?? ""));
    await client.connect();
    if (this.stopped) return void (await client.end());
    for (const channel of this.channels) await client.query(`LISTEN ${channel}`);
    this.client = client;
    this.up = true;
    this.retryMs = RETRY_MIN_MS;
    this.handlers.connected();
  }

  private retry(err: unknown): void {
    this.handlers.lost(err);
    if (this.stopped || this.timer) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect().catch((e) => this.retry(e));
    }, wait);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.up = false;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

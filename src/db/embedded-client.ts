import { Client } from "pg";

/**
 * PGlite has one backend, and its socket server queues protocol *messages* from all connections
 * onto it; only a transaction pins the backend to one connection. Two connections' extended-
 * protocol exchanges (Parse, Bind, Execute, Sync) can therefore interleave and get each other's
 * results — seen as wrong rows, 401s and 500s under concurrent load. This client class makes the
 * hub's connections take turns: one query at a time, or one whole transaction at a time.
 */
class TurnQueue {
  private tail: Promise<void> = Promise.resolve();

  /** Waits for the turn; resolves with the function that ends it. */
  take(): Promise<() => void> {
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => turn);
    return ready;
  }
}

const BEGIN = /^\s*(START\s+TRANSACTION|BEGIN)\b/i;
const END = /^\s*(COMMIT|END|ROLLBACK)\s*;?\s*$/i;

export function serializedClientClass(): typeof Client {
  const turns = new TurnQueue();

  class SerializedClient extends Client {
    private transactionTurn: (() => void) | null = null;

    // pg's query has many overloads (config objects, callbacks, streams); all go through here.
    override query(...args: unknown[]): never {
      const first = args[0] as string | { text?: string; submit?: unknown } | undefined;
      const callback = typeof args[args.length - 1] === "function" ? (args.pop() as (err: unknown, res?: unknown) => void) : null;
      const text = typeof first === "string" ? first : (first?.text ?? "");
      // Named statements live in the one backend that every connection shares, while each pg
      // client remembers only its own: a second client would prepare the same name again and fail.
      if (first && typeof first === "object" && "name" in first && !("submit" in first)) {
        const { name: _shared, ...unnamed } = first as { name?: string };
        args[0] = unnamed;
      }
      const run = async () => {
        const ownTurn = this.transactionTurn === null;
        const release = ownTurn ? await turns.take() : null;
        try {
          const result = await (super.query as (...a: unknown[]) => Promise<unknown>).apply(this, args);
          if (ownTurn && BEGIN.test(text)) this.transactionTurn = release; // held until COMMIT or ROLLBACK
          return result;
        } finally {
          if (this.transactionTurn && END.test(text)) {
            const end = this.transactionTurn;
            this.transactionTurn = null;
            end();
          } else if (release && this.transactionTurn !== release) {
            release();
          }
        }
      };
      const promise = run();
      if (callback) {
        promise.then((res) => callback(null, res), (err) => callback(err));
        return undefined as never;
      }
      return promise as never;
    }

    override async end(...args: unknown[]): Promise<void> {
      // A connection closed mid-transaction (error, shutdown) gives its turn back.
      const turn = this.transactionTurn;
      this.transactionTurn = null;
      turn?.();
      return (super.end as (...a: unknown[]) => Promise<void>).apply(this, args);
    }
  }
  return SerializedClient as unknown as typeof Client;
}

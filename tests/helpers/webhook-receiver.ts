import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedDelivery {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: any;
  at: number;
}

export interface Receiver {
  url: string;
  received: ReceivedDelivery[];
  /** Decides each answer (status code, or "hang" to never answer); 200 unless set. */
  answer: (delivery: ReceivedDelivery, index: number) => number | "hang";
  waitFor(n: number, ms?: number): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

/** A department's receiving system on 127.0.0.1: records every POST and answers as told. */
export async function startReceiver(): Promise<Receiver> {
  const received: ReceivedDelivery[] = [];
  const waiters: (() => void)[] = [];
  const hanging: http.ServerResponse[] = [];
  const receiver: Receiver = {
    url: "",
    received,
    answer: () => 200,
    waitFor(n, ms = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${received.length} of ${n} deliveries after ${ms} ms`)), ms);
        const check = () => {
          if (received.length >= n) {
            clearTimeout(timer);
            resolve(received.slice(0, n));
          } else waiters.push(check);
        };
        check();
      });
    },
    close: () => {
      for (const res of hanging) res.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const delivery = { headers: req.headers, body, json: JSON.parse(body), at: Date.now() };
      const index = received.push(delivery) - 1;
      const answer = receiver.answer(delivery, index);
      for (const w of waiters.splice(0)) w();
      if (answer === "hang") hanging.push(res);
      else res.writeHead(answer).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub-events`;
  return receiver;
}

import http from "node:http";
import type { AddressInfo } from "node:net";

// A real webhook receiver on 127.0.0.1 (port 0): records every request as it arrived and
// answers as the test scripts it: a status with headers and body, a hang, or a reset.

export type ReceivedRequest = {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
};

export type Reply =
  | { status: number; headers?: Record<string, string>; body?: string; delayMs?: number }
  | { hang: true }
  | { reset: true };

export type Receiver = {
  url: string;
  requests: ReceivedRequest[];
  /** Decides the reply to each request (index counts from 0); 200 "ok" by default. */
  reply: (request: ReceivedRequest, index: number) => Reply;
  /** Resolves once `count` requests matching `filter` have arrived. */
  waitFor(count: number, filter?: (request: ReceivedRequest) => boolean): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
};

export async function startReceiver(): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const waiters: { count: number; filter: (r: ReceivedRequest) => boolean; resolve: (r: ReceivedRequest[]) => void }[] = [];
  const sockets = new Set<import("node:net").Socket>();

  const check = () => {
    for (const waiter of [...waiters]) {
      const matching = requests.filter(waiter.filter);
      if (matching.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(matching);
      }
    }
  };

  const receiver: Receiver = {
    url: "",
    requests,
    reply: () => ({ status: 200, body: "ok" }),
    waitFor(count, filter = () => true) {
      return new Promise((resolve) => {
        waiters.push({ count, filter, resolve });
        check();
      });
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const request: ReceivedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      const index = requests.length;
      requests.push(request);
      const reply = receiver.reply(request, index);
      if ("hang" in reply) {
        // Never answers; closed when the test closes the receiver.
      } else if ("reset" in reply) {
        req.socket.resetAndDestroy();
      } else {
        const send = () => {
          res.writeHead(reply.status, reply.headers ?? {});
          res.end(reply.body ?? "");
        };
        if (reply.delayMs) setTimeout(send, reply.delayMs);
        else send();
      }
      check();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}

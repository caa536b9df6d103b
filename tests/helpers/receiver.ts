import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

// A real webhook receiver on 127.0.0.1: records every request as it arrived (raw body bytes
// and headers) and answers as the caller scripts it: a status with headers and body, after a
// delay, a hang, or a reset. The one receiver of vitest, Playwright and the benchmark's
// receiver process (which turns recording off and reads bodies only when it needs them).

export type ReceivedRequest = {
  method: string;
  /** Path and query, as the request line had them. */
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The body as sent: exactly the bytes a receiver verifies a signature over. */
  bytes: Buffer;
  /** The same bytes as UTF-8 text. */
  body: string;
  /** Wall-clock ms (sub-ms precision) when the request's headers arrived. */
  arrivedAt: number;
};

export type Reply =
  | { status: number; headers?: Record<string, string>; body?: string; delayMs?: number }
  | { hang: true }
  | { reset: true };

export type ReceiverOptions = {
  /** Keep each request in `requests` (default true). The benchmark only counts. */
  record?: boolean;
  /** Whether to read a request's body (default: always); when false it is drained unread and `bytes` is empty. */
  readBody?: (head: { method: string; path: string; headers: http.IncomingHttpHeaders }) => boolean;
  /** Listen backlog, for senders that open hundreds of sockets at once. */
  backlog?: number;
  /** Keep idle connections this long, and never time a request out (long benchmark runs); Node's defaults otherwise. */
  keepAliveTimeoutMs?: number;
};

export type Receiver = {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  requests: ReceivedRequest[];
  /** Decides the reply to each request (index counts from 0); 200 "ok" by default. */
  reply: (request: ReceivedRequest, index: number) => Reply;
  /**
   * Resolves with every matching request once `count` requests matching `filter` have
   * arrived; with `timeoutMs`, rejects after that long saying how many did.
   */
  waitFor(count: number, filter?: (request: ReceivedRequest) => boolean, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** Requests answered with a hang that are still open. */
  hangingCount(): number;
  /** Closes the connections of hanging requests (their senders see a reset). */
  releaseHanging(): void;
  close(): Promise<void>;
};

const wallNow = () => performance.timeOrigin + performance.now();
const EMPTY = Buffer.alloc(0);

export async function startReceiver(options: ReceiverOptions = {}): Promise<Receiver> {
  const record = options.record ?? true;
  const requests: ReceivedRequest[] = [];
  const waiters: { count: number; filter: (r: ReceivedRequest) => boolean; resolve: (r: ReceivedRequest[]) => void }[] = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<http.ServerResponse>();
  let answered = 0;

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
    waitFor(count, filter = () => true, timeoutMs) {
      return new Promise((resolve, reject) => {
        const waiter = { count, filter, resolve };
        waiters.push(waiter);
        if (timeoutMs !== undefined) {
          const timer = setTimeout(() => {
            if (!waiters.includes(waiter)) return;
            waiters.splice(waiters.indexOf(waiter), 1);
            reject(new Error(`only ${requests.filter(filter).length} of ${count} requests arrived within ${timeoutMs} ms`));
          }, timeoutMs);
          waiter.resolve = (matching) => {
            clearTimeout(timer);
            resolve(matching);
          };
        }
        check();
      });
    },
    hangingCount: () => hanging.size,
    releaseHanging() {
      for (const response of hanging) response.destroy();
      hanging.clear();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const answer = (req: http.IncomingMessage, res: http.ServerResponse, request: ReceivedRequest) => {
    if (record) requests.push(request);
    const reply = receiver.reply(request, answered++);
    if ("hang" in reply) {
      // Never answers; closed by releaseHanging() or close().
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
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
    if (record) check();
  };

  const server = http.createServer((req, res) => {
    const arrivedAt = wallNow();
    const head = { method: req.method ?? "", path: req.url ?? "", headers: req.headers };
    if (options.readBody && !options.readBody(head)) {
      req.resume();
      req.on("end", () => answer(req, res, { ...head, bytes: EMPTY, body: "", arrivedAt }));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const bytes = Buffer.concat(chunks);
      answer(req, res, { ...head, bytes, body: bytes.toString("utf8"), arrivedAt });
    });
  });
  if (options.keepAliveTimeoutMs !== undefined) {
    server.keepAliveTimeout = options.keepAliveTimeoutMs;
    server.headersTimeout = options.keepAliveTimeoutMs + 10_000;
    server.requestTimeout = 0;
    server.maxRequestsPerSocket = 0;
  }
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1", backlog: options.backlog }, resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}

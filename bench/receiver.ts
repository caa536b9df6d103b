// The benchmark's webhook receiver: a standalone loopback HTTP server in its own process, so
// the senders being measured never share a JS thread with it. It answers 204 at once, counts
// requests per path, and exposes its counters on /__stats for the parent (bench/run.ts).
// It listens on several ports: each is a separate origin, i.e. a separate endpoint to the
// engine's per-endpoint cap, as distinct customers' hosts would be.
//   /hang/...  never answers (the "one endpoint hangs" figure)
//   /lat/...   parses the body and records arrival - payload.benchSentAt (latency figure)
// A sample of signed requests is verified, so the figures are known to be real deliveries.

import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";

const portCount = Number(process.env.BENCH_RECEIVER_PORTS ?? 12);
const secret = process.env.BENCH_SECRET ?? "";
const secretKey = secret.startsWith("whsec_") ? Buffer.from(secret.slice(6), "base64") : Buffer.from(secret, "utf8");
const VERIFY_EVERY = 97;

let total = 0;
let byPath = new Map<string, number>();
let latencies: number[] = [];
let verified = 0;
let badSignatures = 0;
let hanging = new Set<http.ServerResponse>();
let firstAt = 0;
let lastAt = 0;

const wallNow = () => performance.timeOrigin + performance.now();

function pathOf(url: string): string {
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}

function verify(headers: http.IncomingHttpHeaders, body: string): boolean {
  const id = headers["webhook-id"];
  const ts = headers["webhook-timestamp"];
  const sig = headers["webhook-signature"];
  if (typeof id !== "string" || typeof ts !== "string" || typeof sig !== "string") return false;
  const expected = createHmac("sha256", secretKey).update(`${id}.${ts}.${body}`).digest();
  return sig.split(" ").some((part) => {
    const [version, value] = part.split(",");
    if (version !== "v1" || !value) return false;
    const got = Buffer.from(value, "base64");
    return got.length === expected.length && timingSafeEqual(got, expected);
  });
}

function stats() {
  return {
    total,
    byPath: Object.fromEntries(byPath),
    verified,
    badSignatures,
    hangingOpen: hanging.size,
    latencyCount: latencies.length,
    firstAt,
    lastAt,
  };
}

function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = req.url ?? "/";
  if (url.startsWith("/__")) return control(url, req, res);

  const at = wallNow();
  const path = pathOf(url);
  total++;
  byPath.set(path, (byPath.get(path) ?? 0) + 1);
  if (firstAt === 0) firstAt = at;
  lastAt = at;

  if (path.startsWith("/hang")) {
    // Read the body so the socket stays healthy, then never answer.
    req.resume();
    hanging.add(res);
    res.on("close", () => hanging.delete(res));
    return;
  }

  const needsBody = path.startsWith("/lat") || (secret && total % VERIFY_EVERY === 0);
  if (!needsBody) {
    req.resume();
    req.on("end", () => {
      res.writeHead(204);
      res.end();
    });
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    if (path.startsWith("/lat")) {
      try {
        const sentAt = (JSON.parse(body) as { payload?: { benchSentAt?: number } }).payload?.benchSentAt;
        if (typeof sentAt === "number") latencies.push(at - sentAt);
      } catch {
        // Not a bench body: nothing to measure.
      }
    }
    if (secret && req.headers["webhook-signature"]) {
      if (verify(req.headers, body)) verified++;
      else badSignatures++;
    }
    res.writeHead(204);
    res.end();
  });
}

function control(url: string, req: http.IncomingMessage, res: http.ServerResponse) {
  req.resume();
  const path = pathOf(url);
  let body: unknown;
  if (path === "/__stats") body = stats();
  else if (path === "/__latencies") body = latencies;
  else if (path === "/__reset") {
    total = 0;
    byPath = new Map();
    latencies = [];
    verified = 0;
    badSignatures = 0;
    firstAt = 0;
    lastAt = 0;
    // Free the sockets of a previous figure's hanging endpoint.
    for (const open of hanging) open.destroy();
    hanging = new Set();
    body = { ok: true };
  } else {
    res.writeHead(404);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function listen(): Promise<number> {
  const server = http.createServer(handle);
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 130_000;
  server.requestTimeout = 0;
  server.maxRequestsPerSocket = 0;
  return new Promise((resolve) => {
    // Many senders open many sockets: a deep backlog keeps a burst from dropping connections.
    server.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, () => resolve((server.address() as { port: number }).port));
  });
}

Promise.all(Array.from({ length: portCount }, listen)).then((ports) => {
  process.stdout.write(`BENCH ${JSON.stringify({ type: "ready", ports })}\n`);
});

// The parent owns this process: exit with it (its end of our stdin closes when it dies).
process.on("SIGTERM", () => process.exit(0));
process.stdin.on("end", () => process.exit(0)).resume();

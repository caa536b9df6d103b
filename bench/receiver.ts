// The benchmark's webhook receiver: a standalone loopback HTTP server in its own process, so
// the senders being measured never share a JS thread with it. It answers 204 at once, counts
// requests per path, and exposes its counters on /__stats for the parent (bench/run.ts).
// It listens on several ports: each is a separate origin, i.e. a separate endpoint to the
// engine's per-endpoint cap, as distinct customers' hosts would be.
//   /hang/...  never answers (the "one endpoint hangs" figure)
//   /lat/...   parses the body and records arrival - payload.benchSentAt (latency figure)
// A sample of signed requests is verified, so the figures are known to be real deliveries.
// Serving, body reading and answering are the tests' receiver (tests/helpers/receiver.ts)
// with recording off: this file only counts.

import { createHmac, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import { type ReceivedRequest, type Receiver, type Reply, startReceiver } from "../tests/helpers/receiver";

const portCount = Number(process.env.BENCH_RECEIVER_PORTS ?? 12);
const secret = process.env.BENCH_SECRET ?? "";
const secretKey = secret.startsWith("whsec_") ? Buffer.from(secret.slice(6), "base64") : Buffer.from(secret, "utf8");
const VERIFY_EVERY = 97;

let total = 0;
/** Requests seen since start, counted as their headers arrive: picks which bodies to verify. */
let heads = 0;
let byPath = new Map<string, number>();
let latencies: number[] = [];
let verified = 0;
let badSignatures = 0;
let firstAt = 0;
let lastAt = 0;
let receivers: Receiver[] = [];

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
    hangingOpen: receivers.reduce((sum, receiver) => sum + receiver.hangingCount(), 0),
    latencyCount: latencies.length,
    firstAt,
    lastAt,
  };
}

/** Whether this request's body is read: for latency, and for every VERIFY_EVERY-th signature check. */
function readBody(head: { path: string }): boolean {
  const path = pathOf(head.path);
  if (path.startsWith("/__")) return false;
  heads++;
  if (path.startsWith("/hang")) return false;
  return path.startsWith("/lat") || (secret !== "" && heads % VERIFY_EVERY === 0);
}

function reply(request: ReceivedRequest): Reply {
  const path = pathOf(request.path);
  if (path.startsWith("/__")) return control(path);

  total++;
  byPath.set(path, (byPath.get(path) ?? 0) + 1);
  if (firstAt === 0) firstAt = request.arrivedAt;
  lastAt = request.arrivedAt;
  if (path.startsWith("/hang")) return { hang: true };

  if (path.startsWith("/lat")) {
    try {
      const sentAt = (JSON.parse(request.body) as { payload?: { benchSentAt?: number } }).payload?.benchSentAt;
      if (typeof sentAt === "number") latencies.push(request.arrivedAt - sentAt);
    } catch {
      // Not a bench body: nothing to measure.
    }
  }
  if (secret && request.bytes.length > 0 && request.headers["webhook-signature"]) {
    if (verify(request.headers, request.body)) verified++;
    else badSignatures++;
  }
  return { status: 204 };
}

function control(path: string): Reply {
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
    for (const receiver of receivers) receiver.releaseHanging();
    body = { ok: true };
  } else {
    return { status: 404 };
  }
  const text = JSON.stringify(body);
  return {
    status: 200,
    headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) },
    body: text,
  };
}

async function listen(): Promise<Receiver> {
  // Many senders open many sockets: a deep backlog keeps a burst from dropping connections.
  const receiver = await startReceiver({ record: false, readBody, backlog: 4096, keepAliveTimeoutMs: 120_000 });
  receiver.reply = reply;
  return receiver;
}

Promise.all(Array.from({ length: portCount }, listen)).then((started) => {
  receivers = started;
  const ports = started.map((receiver) => Number(new URL(receiver.url).port));
  process.stdout.write(`BENCH ${JSON.stringify({ type: "ready", ports })}\n`);
});

// The parent owns this process: exit with it (its end of our stdin closes when it dies).
process.on("SIGTERM", () => process.exit(0));
process.stdin.on("end", () => process.exit(0)).resume();

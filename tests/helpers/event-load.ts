import { getSamplePayload } from "@/lib/webhooks/samples";

// Steady ingestion for fault tests and the soak: `perSecond` events of POST /api/v1/events,
// each with its own idempotencyKey, sent through `send` (the route handler in this process,
// or fetch to a server). Records every answer, so a test can tell what was accepted (2xx and
// its event id) from what was refused, how, and how long the answer took.

export type LoadAnswer = {
  /** 0 when the request itself failed (the server was gone: a refused or reset connection). */
  status: number;
  ms: number;
  sentAt: number;
  eventId?: string;
  code?: string;
  retryAfter: string | null;
  contentType: string | null;
};

export type EventLoad = {
  answers: LoadAnswer[];
  /** Event ids answered 2xx. */
  accepted(): string[];
  /** Requests sent and not yet answered. */
  inFlight(): number;
  /** Stops sending and waits for the answers still outstanding. */
  stop(): Promise<void>;
};

/** One event request as the ingestion route takes it. */
export function eventRequest(url: string, token: string, key: string): Request {
  return new Request(url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ event: "document.signed", payload: getSamplePayload("DOCUMENT_SIGNED"), idempotencyKey: key }),
  });
}

export function startEventLoad({
  send,
  perSecond,
  keyPrefix = `load-${Date.now()}`,
}: {
  send: (key: string) => Promise<Response>;
  perSecond: number;
  keyPrefix?: string;
}): EventLoad {
  const answers: LoadAnswer[] = [];
  const outstanding = new Set<Promise<void>>();
  let sent = 0;
  const one = async () => {
    const key = `${keyPrefix}-${sent++}`;
    const sentAt = Date.now();
    let answer: LoadAnswer;
    try {
      const response = await send(key);
      const text = await response.text();
      const body = (text ? JSON.parse(text) : null) as { id?: string; error?: { code?: string } } | null;
      answer = {
        status: response.status,
        ms: Date.now() - sentAt,
        sentAt,
        eventId: response.ok ? body?.id : undefined,
        code: body?.error?.code,
        retryAfter: response.headers.get("retry-after"),
        contentType: response.headers.get("content-type"),
      };
    } catch {
      answer = { status: 0, ms: Date.now() - sentAt, sentAt, retryAfter: null, contentType: null };
    }
    answers.push(answer);
  };
  // Paced by the clock, not by the answers: a slow answer does not slow the load down.
  const timer = setInterval(() => {
    const request = one();
    outstanding.add(request);
    void request.finally(() => outstanding.delete(request));
  }, 1000 / perSecond);
  return {
    answers,
    accepted: () => answers.filter((a) => a.status >= 200 && a.status < 300 && a.eventId).map((a) => a.eventId!),
    inFlight: () => outstanding.size,
    async stop() {
      clearInterval(timer);
      await Promise.all(outstanding);
    },
  };
}

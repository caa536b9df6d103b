// The health strip's query (lib/delivery-log/get-webhook-health.ts) timed over a big attempt
// log: `attempts` attempts (20 per delivery), by default all in the last 24 h of ONE webhook
// (the worst case: the health window itself holds them all), with `spread` over 30 days and
// 10 webhooks (typical). Used by the bench's "health" figure and by
// bench/measure-health-query.ts, which also prints the plan.
import { sql } from "kysely";
import { getDb } from "@/db";
import { getWebhookHealth, type WebhookHealth } from "@/lib/delivery-log/get-webhook-health";
import { addLoggedAttemptsToRollup } from "@/lib/delivery-log/rollup";
import { newId } from "@/lib/ids";
import { percentile } from "./table";

const ATTEMPTS_PER_DELIVERY = 20;
const ROWS_PER_INSERT = 1_000;
const DAY = 24 * 60 * 60 * 1000;

export type HealthQueryTiming = {
  /** Median of 5 timed runs after an untimed one, ms. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  insertSeconds: number;
  health: WebhookHealth | undefined;
  /** The window's pass over the per-minute rollup as the database plans (Postgres: times) it. */
  planLines: string[];
};

/** Seeds the current database (migrated, empty) and times the query. */
export async function timeHealthQuery(
  dialect: "sqlite" | "postgres",
  { attempts, spread }: { attempts: number; spread: boolean },
): Promise<HealthQueryTiming> {
  const webhookCount = spread ? 10 : 1;
  const db = getDb();
  const now = Date.now();
  const userId = newId("usr");
  await db
    .insertInto("users")
    .values({ id: userId, email: "bench@example.com", name: null, password_hash: "x", created_at: now })
    .execute();
  const webhookIds = Array.from({ length: webhookCount }, () => newId("wh"));
  await db
    .insertInto("webhooks")
    .values(
      webhookIds.map((id) => ({
        id,
        user_id: userId,
        url: "http://127.0.0.1:9/hook",
        events: '["DOCUMENT_SIGNED"]',
        enabled: 1,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const eventId = newId("evt");
  await db
    .insertInto("events")
    .values({ id: eventId, user_id: userId, type: "DOCUMENT_SIGNED", payload: "{}", created_at: now })
    .execute();

  const started = performance.now();
  const span = spread ? 30 * DAY : DAY - 60_000;
  const deliveries = Math.ceil(attempts / ATTEMPTS_PER_DELIVERY);
  for (let first = 0; first < deliveries; first += ROWS_PER_INSERT) {
    const rows = [];
    for (let i = first; i < Math.min(deliveries, first + ROWS_PER_INSERT); i++) {
      const createdAt = now - Math.floor((i / deliveries) * span) - 1;
      rows.push({
        id: `msg_${String(i).padStart(10, "0")}`,
        event_id: eventId,
        event_type: "DOCUMENT_SIGNED",
        webhook_id: webhookIds[i % webhookCount],
        user_id: userId,
        // A small backlog, like a live endpoint has.
        status: i % 1000 === 0 ? ("retrying" as const) : ("delivered" as const),
        attempt_count: ATTEMPTS_PER_DELIVERY,
        next_attempt_at: now,
        created_at: createdAt,
        updated_at: createdAt,
      });
    }
    await db.insertInto("deliveries").values(rows).execute();
  }
  for (let first = 0; first < attempts; first += ROWS_PER_INSERT) {
    const rows = [];
    for (let i = first; i < Math.min(attempts, first + ROWS_PER_INSERT); i++) {
      const delivery = Math.floor(i / ATTEMPTS_PER_DELIVERY);
      const succeeded = i % 10 !== 0 ? 1 : 0;
      rows.push({
        id: `att_${String(i).padStart(10, "0")}`,
        delivery_id: `msg_${String(delivery).padStart(10, "0")}`,
        webhook_id: webhookIds[delivery % webhookCount],
        attempt_number: (i % ATTEMPTS_PER_DELIVERY) + 1,
        trigger: "scheduled" as const,
        request_url: "http://127.0.0.1:9/hook",
        request_headers: "{}",
        request_body: "{}",
        response_status: succeeded ? 200 : 500,
        response_headers: "{}",
        response_body: "ok",
        // A spread of latencies (5..500 ms), so the percentiles have something to sort.
        duration_ms: 5 + ((i * 7919) % 496),
        error: null,
        succeeded,
        started_at: now - Math.floor((i / attempts) * span) - 1,
      });
    }
    await db.insertInto("delivery_attempts").values(rows).execute();
    // The engine writes the rollup with each batch of attempts; seeding must too.
    await addLoggedAttemptsToRollup(rows);
  }
  const insertSeconds = (performance.now() - started) / 1000;
  if (dialect === "postgres") await sql`vacuum analyze`.execute(db);
  else await sql`analyze`.execute(db);

  // One untimed run first, as a running server has: pool connections open, pages cached.
  await getWebhookHealth(userId, webhookIds[0], now);
  const times: number[] = [];
  let health: Awaited<ReturnType<typeof getWebhookHealth>> | undefined;
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    health = await getWebhookHealth(userId, webhookIds[0], now);
    times.push(performance.now() - t0);
  }
  const windowQuery = sql`select sum(attempts), sum(attempts_ok), sum(l7), sum(l8) from webhook_minute_stats
    where webhook_id = ${webhookIds[0]} and minute > ${now - DAY - 60_000} and minute <= ${now}`;
  const plan = await sql<
    Record<string, string>
  >`${sql.raw(dialect === "postgres" ? "explain (analyze)" : "explain query plan")} ${windowQuery}`.execute(db);
  const planLines = plan.rows
    .map((row) => row["QUERY PLAN"] ?? row.detail)
    .filter((line) => /Index|SEARCH|SCAN|Execution Time|Aggregate|B-TREE/.test(line))
    .map((line) => line.trim());
  return {
    medianMs: percentile(times, 50),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    insertSeconds,
    health,
    planLines,
  };
}

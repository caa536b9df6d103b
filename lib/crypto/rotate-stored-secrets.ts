import { getDb } from "@/db";
import { currentKeyId, resealWithCurrentKey } from "@/lib/crypto/encryption";

// Reseals every stored secret with the current encryption key (`npm run rotate-encryption-key`):
// webhooks' secret, previous secret and custom header values, and events' payload with
// recipients' tokens. Each row is rewritten only if it still holds what was read (a webhook
// edited meanwhile is read again), so running processes may keep writing. Running it twice is
// harmless: values already under the current key are left alone.

export type SealedColumn =
  | "webhooks.secret_encrypted"
  | "webhooks.previous_secret_encrypted"
  | "webhooks.custom_headers"
  | "events.payload_with_tokens";

export type ColumnReport = {
  column: SealedColumn;
  /** Values resealed by this run. */
  resealed: number;
  /** Values that were already under the current key. */
  current: number;
  /** Ids of rows with a value no configured key opens (never the values). */
  unreadable: string[];
};

export type RotationReport = { keyId: string; columns: ColumnReport[] };

const BATCH = 500;

/** What becomes of one sealed value: its resealed form (the same when current), or false when unreadable. */
type Plan = { sealed: string; next: string | false };

function plan(sealed: string): Plan {
  try {
    return { sealed, next: resealWithCurrentKey(sealed) };
  } catch {
    return { sealed, next: false };
  }
}

function record(report: ColumnReport, plans: Plan[], rowId: string): void {
  for (const { sealed, next } of plans) {
    if (next === sealed) report.current++;
    else if (next !== false) report.resealed++;
  }
  if (plans.some((p) => p.next === false)) report.unreadable.push(rowId);
}

/** A custom_headers value: a JSON array of { name, value } with each value sealed. */
function headerEntries(json: string): { name: string; value: string }[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    if (Array.isArray(parsed) && parsed.every((entry) => typeof entry?.value === "string")) return parsed;
  } catch {
    // Falls through: reported as unreadable below.
  }
  return [{ name: "", value: "" }];
}

const WEBHOOK_COLUMNS = ["secret_encrypted", "previous_secret_encrypted", "custom_headers"] as const;
type WebhookSecrets = { id: string } & Record<(typeof WEBHOOK_COLUMNS)[number], string | null>;

async function rotateWebhook(first: WebhookSecrets, reports: Record<SealedColumn, ColumnReport>): Promise<void> {
  const db = getDb();
  let row: WebhookSecrets | undefined = first;
  while (row) {
    const secret = row.secret_encrypted === null ? [] : [plan(row.secret_encrypted)];
    const previous = row.previous_secret_encrypted === null ? [] : [plan(row.previous_secret_encrypted)];
    const entries = row.custom_headers === null ? [] : headerEntries(row.custom_headers);
    const headers = entries.map((entry) => plan(entry.value));

    const changes: Partial<WebhookSecrets> = {};
    if (secret[0]?.next && secret[0].next !== row.secret_encrypted) changes.secret_encrypted = secret[0].next;
    if (previous[0]?.next && previous[0].next !== row.previous_secret_encrypted) {
      changes.previous_secret_encrypted = previous[0].next;
    }
    if (headers.length > 0 && headers.every((p) => p.next !== false) && headers.some((p) => p.next !== p.sealed)) {
      changes.custom_headers = JSON.stringify(entries.map((entry, i) => ({ ...entry, value: headers[i].next })));
    }

    let written = true;
    if (Object.keys(changes).length > 0) {
      let update = db.updateTable("webhooks").set(changes).where("id", "=", row.id);
      for (const column of WEBHOOK_COLUMNS) {
        const value = row[column];
        update = value === null ? update.where(column, "is", null) : update.where(column, "=", value);
      }
      written = Number((await update.executeTakeFirst()).numUpdatedRows) === 1;
    }
    if (written) {
      record(reports["webhooks.secret_encrypted"], secret, row.id);
      record(reports["webhooks.previous_secret_encrypted"], previous, row.id);
      record(reports["webhooks.custom_headers"], headers, row.id);
      return;
    }
    // Changed (or deleted) since it was read: read it again.
    row = await db
      .selectFrom("webhooks")
      .select(["id", ...WEBHOOK_COLUMNS])
      .where("id", "=", row.id)
      .executeTakeFirst();
  }
}

async function rotateWebhooks(reports: Record<SealedColumn, ColumnReport>): Promise<void> {
  let after = "";
  for (;;) {
    const rows = await getDb()
      .selectFrom("webhooks")
      .select(["id", ...WEBHOOK_COLUMNS])
      .where("id", ">", after)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1].id;
    for (const row of rows) await rotateWebhook(row, reports);
  }
}

async function rotateEvents(report: ColumnReport): Promise<void> {
  const db = getDb();
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("events")
      .select(["id", "payload_with_tokens"])
      .where("id", ">", after)
      .where("payload_with_tokens", "is not", null)
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1].id;
    for (const row of rows) {
      const payload = plan(row.payload_with_tokens as string);
      if (payload.next && payload.next !== payload.sealed) {
        // Events are never rewritten after ingestion; retention may have removed this one.
        await db
          .updateTable("events")
          .set({ payload_with_tokens: payload.next })
          .where("id", "=", row.id)
          .where("payload_with_tokens", "=", payload.sealed)
          .execute();
      }
      record(report, [payload], row.id);
    }
  }
}

export async function rotateStoredSecrets(): Promise<RotationReport> {
  const report = (column: SealedColumn): ColumnReport => ({ column, resealed: 0, current: 0, unreadable: [] });
  const reports: Record<SealedColumn, ColumnReport> = {
    "webhooks.secret_encrypted": report("webhooks.secret_encrypted"),
    "webhooks.previous_secret_encrypted": report("webhooks.previous_secret_encrypted"),
    "webhooks.custom_headers": report("webhooks.custom_headers"),
    "events.payload_with_tokens": report("events.payload_with_tokens"),
  };
  await rotateWebhooks(reports);
  await rotateEvents(reports["events.payload_with_tokens"]);
  return { keyId: currentKeyId(), columns: Object.values(reports) };
}

/** True when every stored value is under the current key: older keys can then be dropped. */
export function isFullyRotated(report: RotationReport): boolean {
  return report.columns.every((column) => column.unreadable.length === 0);
}

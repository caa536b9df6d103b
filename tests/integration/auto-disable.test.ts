import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { autoDisableFailingWebhooks } from "@/lib/delivery-engine/maintenance/auto-disable";
import { disabledWebhookNotices } from "@/lib/webhooks/disabled-notices";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { setWebhookEnabled } from "@/lib/webhooks/set-webhook-enabled";
import { testDialect } from "../helpers/db-info";
import { insertAttempts, insertDeliveries } from "../helpers/deliveries";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

/** What the Webhooks tab's notice shows this user. */
const noticesOf = async (ownerId: string) => disabledWebhookNotices(await listWebhooks(ownerId));

// A shortened window (3 minutes, set through the env knob) and attempts placed in time, so
// "failing for the whole window" is exact and nothing depends on the clock.
const WINDOW = 3 * 60 * 1000;
const NOW = 1_800_000_000_000;
const MIN = 60 * 1000;

let userId: string;
let seq = 0;

/** A webhook last changed an hour before `base`, with one attempt per offset from `base`. */
async function webhookWithAttempts(attempts: { at: number; status: number | null }[], base = NOW) {
  const changedAt = base - 60 * MIN;
  const webhook = await createTestWebhook(userId, { url: `http://127.0.0.1:9/hook-${++seq}`, events: ["document.signed"] });
  await getDb()
    .updateTable("webhooks")
    .set({ created_at: changedAt, updated_at: changedAt })
    .where("id", "=", webhook.id)
    .execute();
  const deliveryId = `msg_auto${String(seq).padStart(6, "0")}`;
  await insertDeliveries(userId, webhook.id, [
    {
      id: deliveryId,
      eventId: `evt_auto${String(seq).padStart(6, "0")}`,
      type: "DOCUMENT_SIGNED",
      status: "retrying",
      createdAt: changedAt,
    },
  ]);
  await insertAttempts(
    attempts.map((a, i) => ({
      deliveryId,
      webhookId: webhook.id,
      startedAt: base + a.at,
      status: a.status,
      attemptNumber: i + 1,
    })),
  );
  return webhook.id;
}

async function webhookRow(id: string) {
  return getDb()
    .selectFrom("webhooks")
    .select(["enabled", "disabled_reason", "disabled_at"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

describe(`auto-disable (${testDialect})`, () => {
  beforeAll(async () => {
    process.env.AUTO_DISABLE_AFTER_MS = String(WINDOW);
    userId = (await createTestUser()).id;
  });

  it("disables a webhook failing for the whole window, with the reason, and lists it in the notice", async () => {
    const failing = await webhookWithAttempts([
      { at: -10 * MIN, status: 200 },
      { at: -5 * MIN, status: 500 },
      { at: -2 * MIN, status: 503 },
      { at: -1 * MIN, status: null },
    ]);
    const disabled = await autoDisableFailingWebhooks(NOW);
    expect(disabled).toContain(failing);
    expect(await webhookRow(failing)).toEqual({
      enabled: 0,
      disabled_reason: "Disabled automatically: every delivery failed for 3 minutes",
      disabled_at: NOW,
    });
    const notices = await noticesOf(userId);
    expect(notices).toContainEqual({
      webhookId: failing,
      url: expect.stringContaining("/hook-"),
      reason: "Disabled automatically: every delivery failed for 3 minutes",
      disabledAt: NOW,
    });
    const other = await createTestUser();
    expect(await noticesOf(other.id)).toEqual([]);
  });

  it("keeps a webhook enabled when one attempt in the window succeeded", async () => {
    const recovering = await webhookWithAttempts([
      { at: -5 * MIN, status: 500 },
      { at: -2 * MIN, status: 500 },
      { at: -90 * 1000, status: 204 },
      { at: -1 * MIN, status: 500 },
    ]);
    expect(await autoDisableFailingWebhooks(NOW)).not.toContain(recovering);
    expect((await webhookRow(recovering)).enabled).toBe(1);
  });

  it("keeps enabled a webhook failing for less than the window, or not called in it", async () => {
    const failingSinceRecently = await webhookWithAttempts([
      { at: -5 * MIN, status: 200 },
      { at: -2 * MIN, status: 500 },
      { at: -1 * MIN, status: 500 },
    ]);
    const quietSinceFailing = await webhookWithAttempts([
      { at: -8 * MIN, status: 500 },
      { at: -5 * MIN, status: 500 },
    ]);
    const disabled = await autoDisableFailingWebhooks(NOW);
    expect(disabled).not.toContain(failingSinceRecently);
    expect(disabled).not.toContain(quietSinceFailing);
  });

  it("re-enabling restarts the clock: the old failures don't disable it again", async () => {
    // On the real clock, since re-enabling stamps the webhook with Date.now().
    const base = Date.now() - 10_000;
    const failing = await webhookWithAttempts(
      [
        { at: -6 * MIN, status: 500 },
        { at: -2 * MIN, status: 500 },
        { at: -1 * MIN, status: 500 },
      ],
      base,
    );
    expect(await autoDisableFailingWebhooks(base)).toContain(failing);
    // The user re-enables it (the Webhooks tab's switch), now.
    const reenabled = await setWebhookEnabled(userId, failing, true);
    expect(reenabled).toMatchObject({ enabled: true, disabledReason: null });
    expect((await noticesOf(userId)).map((n) => n.webhookId)).not.toContain(failing);
    const afterReenable = Date.now() + 1_000;
    await insertAttempts([
      { deliveryId: `msg_auto${String(seq).padStart(6, "0")}`, webhookId: failing, startedAt: afterReenable, status: 500 },
    ]);
    expect(await autoDisableFailingWebhooks(afterReenable + 1_000)).not.toContain(failing);
    expect((await webhookRow(failing)).enabled).toBe(1);
  });

  it("leaves a webhook the user disabled alone", async () => {
    const off = await webhookWithAttempts([
      { at: -6 * MIN, status: 500 },
      { at: -1 * MIN, status: 500 },
    ]);
    await getDb().updateTable("webhooks").set({ enabled: 0 }).where("id", "=", off).execute();
    expect(await autoDisableFailingWebhooks(NOW)).not.toContain(off);
    expect(await webhookRow(off)).toEqual({ enabled: 0, disabled_reason: null, disabled_at: null });
  });
});

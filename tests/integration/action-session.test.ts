import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { signOutEverywhereAction } from "@/lib/actions/auth/sign-out-everywhere";
import { copyAsCurlAction } from "@/lib/actions/deliveries/copy-as-curl";
import { countRecoverableAction, recoverDeliveriesAction } from "@/lib/actions/deliveries/recover-deliveries";
import { resendDeliveryAction } from "@/lib/actions/deliveries/resend-delivery";
import { createApiTokenAction } from "@/lib/actions/tokens/create-api-token";
import { revokeApiTokenAction } from "@/lib/actions/tokens/revoke-api-token";
import { createWebhookAction } from "@/lib/actions/webhooks/create-webhook";
import { deleteWebhookAction } from "@/lib/actions/webhooks/delete-webhook";
import { revealWebhookSecretAction } from "@/lib/actions/webhooks/reveal-webhook-secret";
import { rotateWebhookSecretAction } from "@/lib/actions/webhooks/rotate-webhook-secret";
import { sendTestEventAction } from "@/lib/actions/webhooks/send-test-event";
import { setWebhookEnabledAction } from "@/lib/actions/webhooks/set-webhook-enabled";
import { updateWebhookAction } from "@/lib/actions/webhooks/update-webhook";
import { SESSION_ENDED_MESSAGE } from "@/lib/auth/session";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { testDialect } from "../helpers/db-info";
import { fixtureId, insertDeliveries } from "../helpers/deliveries";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

const TABLES = ["users", "sessions", "webhooks", "events", "deliveries", "delivery_attempts", "api_tokens"] as const;

/** Every row of every table the actions write: "nothing changed" means equal before and after. */
async function snapshot() {
  const db = getDb();
  return Promise.all(TABLES.map((table) => db.selectFrom(table).selectAll().execute()));
}

describe(`every action without a session (${testDialect})`, () => {
  it("answers that the session has ended, with the owner's real ids, and changes nothing", async () => {
    const owner = await createTestUser();
    const webhook = await createTestWebhook(owner.id, {
      url: "http://127.0.0.1:9/hook",
      events: ["document.signed"],
      secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
    });
    const deliveryId = fixtureId("msg", 1, "session");
    await insertDeliveries(owner.id, webhook.id, [
      { id: deliveryId, eventId: fixtureId("evt", 1, "session"), type: "DOCUMENT_SIGNED", status: "failed", createdAt: 1_000 },
    ]);
    const token = await createApiToken(owner.id, { name: "ci" });
    if (!token.ok) throw new Error(token.message);

    const webhookFields = { url: "https://example.com/x", events: ["document.sent"], secret: "", enabled: true };
    const calls: [string, { withUser: (user: null) => (input: unknown) => Promise<unknown> }, unknown][] = [
      ["create webhook", createWebhookAction, webhookFields],
      ["update webhook", updateWebhookAction, { ...webhookFields, id: webhook.id }],
      ["delete webhook", deleteWebhookAction, { id: webhook.id }],
      ["set enabled", setWebhookEnabledAction, { id: webhook.id, enabled: false }],
      ["reveal secret", revealWebhookSecretAction, { id: webhook.id }],
      ["rotate secret", rotateWebhookSecretAction, { webhookId: webhook.id }],
      ["send test", sendTestEventAction, { webhookId: webhook.id, event: "document.signed" }],
      ["resend", resendDeliveryAction, { deliveryId }],
      ["count recoverable", countRecoverableAction, { webhookId: webhook.id, since: 0 }],
      ["recover", recoverDeliveriesAction, { webhookId: webhook.id, since: 0 }],
      ["copy as curl", copyAsCurlAction, { deliveryId }],
      ["create token", createApiTokenAction, { name: "mine" }],
      ["revoke token", revokeApiTokenAction, { id: token.token.id }],
      ["sign out everywhere", signOutEverywhereAction, {}],
    ];

    const before = await snapshot();
    for (const [name, action, input] of calls) {
      expect(await action.withUser(null)(input), name).toEqual({ ok: false, message: SESSION_ENDED_MESSAGE });
      // Bad input is not looked at before the session: the same answer, not field errors.
      expect(await action.withUser(null)(undefined), name).toEqual({ ok: false, message: SESSION_ENDED_MESSAGE });
    }
    expect(await snapshot()).toEqual(before);
  });
});

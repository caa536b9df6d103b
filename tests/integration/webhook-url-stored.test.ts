import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createWebhookAction } from "@/lib/actions/webhooks/create-webhook";
import { updateWebhookAction } from "@/lib/actions/webhooks/update-webhook";
import { recordEvent } from "@/lib/ingest/record-event";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { testDialect } from "../helpers/db-info";
import { receiverAndWorkerForFile } from "../helpers/engine-under-test";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";

// What the user typed, what is stored, what the list shows and what the engine calls are one
// string: a URL with characters the URL parser would silently drop is refused with a field
// error, and every other URL is stored in the parser's serialisation.

const engine = receiverAndWorkerForFile();

const EVENTS = ["document.signed"];

async function webhookRows() {
  return getDb().selectFrom("webhooks").selectAll().orderBy("id").execute();
}

describe(`webhook URL as stored and called (${testDialect})`, () => {
  it("refuses CR, LF, tab and invisible characters inside the URL and stores nothing", async () => {
    const user = await createTestUser();
    const before = await webhookRows();
    for (const url of [
      `${engine.receiver.url}/ho\r\nok`,
      `${engine.receiver.url}/ho\tok`,
      `${engine.receiver.url.replace("127.0.0.1", "127.0.\n0.1")}/hook`,
      `${engine.receiver.url}/a\u200bb`,
    ]) {
      const result = await createWebhookAction.withUser(user)({ url, events: EVENTS });
      expect(result, JSON.stringify(url)).toEqual({
        ok: false,
        message: "Check the highlighted fields",
        fieldErrors: { url: "The URL must not contain spaces, tabs, line breaks or invisible characters" },
      });
    }
    expect(await webhookRows()).toEqual(before);
  });

  it("an edit with such a URL changes nothing either", async () => {
    const user = await createTestUser();
    const created = await createWebhookAction.withUser(user)({ url: `${engine.receiver.url}/kept`, events: EVENTS });
    if (!created.ok) throw new Error(created.message);
    const before = await webhookRows();
    const result = await updateWebhookAction.withUser(user)({
      id: created.webhook.id,
      url: `${engine.receiver.url}/ke\npt`,
      events: EVENTS,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors?.url).toBe(
      "The URL must not contain spaces, tabs, line breaks or invisible characters",
    );
    expect(await webhookRows()).toEqual(before);
  });

  it("stores the normalised URL, lists it, and calls exactly it", async () => {
    const user = await createTestUser();
    const port = new URL(engine.receiver.url).port;
    const typed = `  HTTP://127.0.0.1:${port}/a/./b/../h\u00e9llo?x=1&q="y" `;
    const stored = `http://127.0.0.1:${port}/a/h%C3%A9llo?x=1&q=%22y%22`;

    const created = await createWebhookAction.withUser(user)({ url: typed, events: EVENTS });
    expect(created.ok && created.webhook.url).toBe(stored);
    const [row] = await getDb().selectFrom("webhooks").select(["id", "url"]).where("user_id", "=", user.id).execute();
    expect(row.url).toBe(stored);
    expect((await listWebhooks(user.id)).map((webhook) => webhook.url)).toEqual([stored]);

    const { deliveries } = await recordEvent(user.id, {
      type: "DOCUMENT_SIGNED",
      payloadJson: JSON.stringify(getSamplePayload("DOCUMENT_SIGNED")),
    });
    expect(deliveries).toBe(1);
    const [request] = await engine.receiver.waitFor(1, (r) => r.path.startsWith("/a/h"));
    expect(request.path).toBe("/a/h%C3%A9llo?x=1&q=%22y%22");
    expect(JSON.parse(request.body).webhookEndpoint).toBe(stored);
    const attempt = await waitUntil(
      () => getDb().selectFrom("delivery_attempts").select("request_url").where("webhook_id", "=", row.id).executeTakeFirst(),
      "the attempt to be logged",
    );
    expect(attempt.request_url).toBe(stored);
  });

  it("an edit stores the normalised URL too", async () => {
    const user = await createTestUser();
    const created = await createWebhookAction.withUser(user)({ url: "https://example.com/one", events: EVENTS });
    if (!created.ok) throw new Error(created.message);
    const updated = await updateWebhookAction.withUser(user)({
      id: created.webhook.id,
      url: "HTTPS://Example.com:443/two/../three",
      events: EVENTS,
    });
    expect(updated.ok && updated.webhook.url).toBe("https://example.com/three");
    expect((await listWebhooks(user.id)).map((webhook) => webhook.url)).toEqual(["https://example.com/three"]);
  });
});

import { execFile } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { encryptSecret } from "@/lib/crypto/encryption";
import { buildCurl, shellQuote } from "@/lib/delivery-log/build-curl";
import { recordEvent } from "@/lib/ingest/record-event";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { createTestUser } from "../helpers/users";
import { createTestWebhook } from "../helpers/webhooks";

// "Copy as curl" must hand the user a command that a real shell and the real curl binary turn
// into a request the receiver accepts: signed afresh, with the secret never in the command.

const run = promisify(execFile);
const secret = `whsec_${randomBytes(24).toString("base64")}`;
let receiver: Receiver;

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

async function queuedDelivery(userId: string, title: string) {
  const payload = { ...getSamplePayload("DOCUMENT_SIGNED"), title };
  const event = await recordEvent(userId, { type: "DOCUMENT_SIGNED", payloadJson: JSON.stringify(payload) });
  const row = await getDb().selectFrom("deliveries").select("id").where("event_id", "=", event.id).executeTakeFirstOrThrow();
  return row.id;
}

async function runCurl(command: string) {
  const before = receiver.requests.length;
  await run("bash", ["-c", command]);
  const [request] = await receiver.waitFor(before + 1).then((all) => all.slice(before));
  return request;
}

describe("buildCurl", () => {
  it("quotes any text as one shell word", async () => {
    const tricky = `it's "$HOME" \`id\` \\ ; & | *\n'' end`;
    const { stdout } = await run("bash", ["-c", `printf %s ${shellQuote(tricky)}`]);
    expect(stdout).toBe(tricky);
  });

  it("reproduces a signed delivery that the receiver verifies, quotes included", async () => {
    const user = await createTestUser();
    await createTestWebhook(user.id, { url: `${receiver.url}/hooks/curl`, events: ["document.signed"], secret });
    const deliveryId = await queuedDelivery(user.id, "O'Brien's lease; rm -rf $HOME");

    const curl = await buildCurl(user.id, deliveryId);
    expect(curl?.isSigned).toBe(true);
    expect(curl?.command).not.toContain(secret);
    const request = await runCurl(curl!.command);

    expect(request.path).toBe("/hooks/curl");
    expect(request.headers["webhook-id"]).toBe(deliveryId);
    expect(Number(request.headers["webhook-timestamp"])).toBe(curl!.timestamp);
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ event: "DOCUMENT_SIGNED", payload: { title: "O'Brien's lease; rm -rf $HOME" } });
    expect(() => new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).not.toThrow();
    expect(request.headers["x-documenso-signature"]).toBe(createHmac("sha256", secret).update(request.body).digest("hex"));
  });

  it("re-signs the logged body of the latest attempt with the current and the rotated-out secret", async () => {
    const user = await createTestUser();
    const oldSecret = `whsec_${randomBytes(24).toString("base64")}`;
    const webhook = await createTestWebhook(user.id, {
      url: `${receiver.url}/hooks/rotated`,
      events: ["document.signed"],
      secret,
    });
    await getDb()
      .updateTable("webhooks")
      .set({ previous_secret_encrypted: encryptSecret(oldSecret), previous_secret_expires_at: Date.now() + 60_000 })
      .where("id", "=", webhook.id)
      .execute();
    const deliveryId = await queuedDelivery(user.id, "Rotated");
    const loggedBody = JSON.stringify({
      event: "DOCUMENT_SIGNED",
      payload: { id: 1, title: "as logged" },
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    await getDb()
      .insertInto("delivery_attempts")
      .values({
        id: "att_curltest1",
        delivery_id: deliveryId,
        webhook_id: webhook.id,
        attempt_number: 1,
        trigger: "scheduled",
        request_url: `${receiver.url}/hooks/rotated`,
        request_headers: "{}",
        request_body: loggedBody,
        response_status: 500,
        response_headers: "{}",
        response_body: "no",
        duration_ms: 3,
        error: null,
        succeeded: 0,
        started_at: Date.now(),
      })
      .execute();

    const request = await runCurl((await buildCurl(user.id, deliveryId))!.command);
    expect(request.body).toBe(loggedBody);
    const headers = request.headers as Record<string, string>;
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(() => new Webhook(secret).verify(request.body, headers)).not.toThrow();
    expect(() => new Webhook(oldSecret).verify(request.body, headers)).not.toThrow();
  });

  it("sends no signature headers for a webhook without a secret", async () => {
    const user = await createTestUser();
    await createTestWebhook(user.id, { url: `${receiver.url}/hooks/plain`, events: ["document.signed"] });
    const deliveryId = await queuedDelivery(user.id, "Plain");
    const curl = await buildCurl(user.id, deliveryId);
    expect(curl?.isSigned).toBe(false);
    const request = await runCurl(curl!.command);
    expect(request.headers["webhook-signature"]).toBeUndefined();
    expect(request.headers["x-documenso-signature"]).toBeUndefined();
  });

  it("gives another user nothing", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    await createTestWebhook(owner.id, { url: `${receiver.url}/hooks/owner`, events: ["document.signed"], secret });
    const deliveryId = await queuedDelivery(owner.id, "Private");
    expect(await buildCurl(stranger.id, deliveryId)).toBeUndefined();
    expect(await buildCurl(owner.id, "msg_doesnotexist")).toBeUndefined();
  });
});

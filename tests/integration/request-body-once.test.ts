import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { GET as getDeliveryRoute } from "@/app/api/v1/deliveries/[id]/route";
import { getDb } from "@/db";
import { MASKED_VALUE } from "@/lib/crypto/masked-value";
import { buildCurl } from "@/lib/delivery-log/build-curl";
import { getDelivery } from "@/lib/delivery-log/get-delivery";
import { recordEvent } from "@/lib/ingest/record-event";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { callApi, newApiToken } from "../helpers/api-v1";
import { testDialect } from "../helpers/db-info";
import { receiverAndWorkerForFile } from "../helpers/engine-under-test";
import type { ReceivedRequest } from "../helpers/receiver";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";
import { createTestWebhook } from "../helpers/webhooks";

// An attempt stores its request body only when the body cannot be rebuilt from the event and
// the attempt's URL (recipients' tokens, masked). Whatever was stored, the attempt's detail,
// the REST API and Copy as curl must show the bytes the receiver got (masked where tokens were).

const run = promisify(execFile);
const engine = receiverAndWorkerForFile();
const GET_ONE = { path: "/api/v1/deliveries/{id}", method: "GET", handler: getDeliveryRoute } as const;
const SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
let seq = 0;

/** One event to a plain webhook and to one that asked for recipients' tokens, both delivered. */
async function deliverToBoth() {
  const user = await createTestUser();
  const path = `/once-${++seq}`;
  const plain = await createTestWebhook(user.id, {
    url: `${engine.receiver.url}${path}/plain?source=docuhooks&n=1`,
    events: ["document.signed"],
    secret: SECRET,
  });
  const tokens = await createTestWebhook(user.id, { url: `${engine.receiver.url}${path}/tokens`, events: ["document.signed"] });
  await getDb().updateTable("webhooks").set({ include_recipient_tokens: 1 }).where("id", "=", tokens.id).execute();
  // The caller's own text, spaces and escapes included: the payload is spliced in as sent.
  const payload = { ...getSamplePayload("DOCUMENT_SIGNED"), title: 'Lease ✓ "Ünïcode" \u2028 </script>' };
  const event = await recordEvent(user.id, { type: "DOCUMENT_SIGNED", payloadJson: JSON.stringify(payload, null, 1) });
  const received = await engine.receiver.waitFor(2, (r) => r.path.startsWith(`${path}/`));
  await waitUntil(async () => {
    const open = await getDb()
      .selectFrom("deliveries")
      .select("id")
      .where("event_id", "=", event.id)
      .where("status", "in", ["pending", "retrying"])
      .execute();
    return open.length === 0;
  }, "both deliveries to be final");
  const deliveryOf = async (webhookId: string) =>
    getDb()
      .selectFrom("deliveries")
      .select("id")
      .where("event_id", "=", event.id)
      .where("webhook_id", "=", webhookId)
      .executeTakeFirstOrThrow();
  const requestTo = (suffix: string) => received.find((r) => r.path.startsWith(`${path}/${suffix}`)) as ReceivedRequest;
  return {
    user,
    plain: { ...plain, deliveryId: (await deliveryOf(plain.id)).id, request: requestTo("plain") },
    tokens: { ...tokens, deliveryId: (await deliveryOf(tokens.id)).id, request: requestTo("tokens") },
  };
}

async function storedBodies(deliveryId: string) {
  const rows = await getDb()
    .selectFrom("delivery_attempts")
    .select("request_body")
    .where("delivery_id", "=", deliveryId)
    .execute();
  return rows.map((row) => row.request_body);
}

/** The body as the detail, the REST API and Copy as curl show it (the command run by bash and curl). */
async function shownBodies(userId: string, deliveryId: string) {
  const detail = await getDelivery(userId, deliveryId);
  const api = await callApi({ ...GET_ONE, token: await newApiToken(userId, "read"), params: { id: deliveryId } });
  expect(api.status).toBe(200);
  const curl = await buildCurl(userId, deliveryId);
  const before = engine.receiver.requests.length;
  await run("bash", ["-c", curl!.command]);
  const [replayed] = (await engine.receiver.waitFor(before + 1)).slice(before);
  return {
    detail: detail?.attempts.map((attempt) => attempt.requestBody),
    api: (api.body as { attempts: { requestBody: string }[] }).attempts.map((attempt) => attempt.requestBody),
    curl: replayed.body,
  };
}

describe(`request body stored once (${testDialect})`, () => {
  it("stores no body for a plain delivery; the log, the API and curl show the receiver's bytes", async () => {
    const { user, plain } = await deliverToBoth();
    expect(await storedBodies(plain.deliveryId)).toEqual([null]);
    const body = plain.request.body;
    expect(await shownBodies(user.id, plain.deliveryId)).toEqual({ detail: [body], api: [body], curl: body });

    // The rebuild reads the URL the attempt went to and the event, never today's webhook:
    // a new URL or the token option switched on later leave what the log shows alone.
    await getDb()
      .updateTable("webhooks")
      .set({ url: `${engine.receiver.url}/moved`, include_recipient_tokens: 1 })
      .where("id", "=", plain.id)
      .execute();
    expect(await shownBodies(user.id, plain.deliveryId)).toEqual({ detail: [body], api: [body], curl: body });
  });

  it("stores the masked body of a webhook that gets recipients' tokens, and shows that", async () => {
    const { user, tokens } = await deliverToBoth();
    const sentTokens = (JSON.parse(tokens.request.body).payload.recipients as { token: string }[]).map((r) => r.token);
    expect(sentTokens.length).toBeGreaterThan(0);
    // Each token's value replaced in place, the caller's spacing kept.
    const masked = tokens.request.body.replace(/("token":\s*)"[^"]*"/g, `$1${JSON.stringify(MASKED_VALUE)}`);
    expect(masked).not.toBe(tokens.request.body);
    expect(await storedBodies(tokens.deliveryId)).toEqual([masked]);
    expect(await shownBodies(user.id, tokens.deliveryId)).toEqual({ detail: [masked], api: [masked], curl: masked });
  });
});

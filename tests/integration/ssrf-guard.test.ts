import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { recordEvent } from "@/lib/ingest/record-event";
import { createSafeDispatcher, type LookupAll, resolvePublicAddress } from "@/lib/net/safe-dispatcher";
import { getSamplePayload } from "@/lib/webhooks/samples";
import { testDialect } from "../helpers/db-info";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { createTestUser } from "../helpers/users";
import { waitUntil } from "../helpers/wait-until";
import { createTestWebhook } from "../helpers/webhooks";

// The SSRF guard with WEBHOOK_ALLOW_PRIVATE off: it judges every address a host resolves to
// at connect time, and a receiver on loopback never sees a request.
process.env.WEBHOOK_ALLOW_PRIVATE = "0";

let receiver: Receiver;
const guarded = createSafeDispatcher({ connectTimeoutMs: 2_000 });

beforeAll(async () => {
  receiver = await startReceiver();
});

afterAll(async () => {
  await guarded.close();
  await receiver.close();
});

async function post(url: string, dispatcher = guarded) {
  const { origin, pathname } = new URL(url);
  return dispatcher.request({ origin, path: pathname, method: "POST", body: "{}" });
}

const port = () => new URL(receiver.url).port;

describe(`SSRF guard (${testDialect})`, () => {
  for (const host of ["127.0.0.1", "10.0.0.1", "169.254.169.254", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]"]) {
    it(`blocks ${host}`, async () => {
      await expect(post(`http://${host}:${port()}/hook`)).rejects.toThrow(/not a public address/);
    });
  }

  it("blocks a hostname that resolves to loopback (localhost)", async () => {
    await expect(post(`http://localhost:${port()}/hook`)).rejects.toThrow(
      /localhost resolves to .* not a public address \(loopback\)/,
    );
  });

  it("blocks a host when ANY of its addresses is private, and looks it up once", async () => {
    let lookups = 0;
    const lookup: LookupAll = async () => {
      lookups++;
      return [
        { address: "93.184.216.34", family: 4 },
        { address: "127.0.0.1", family: 4 },
      ];
    };
    const dispatcher = createSafeDispatcher({ lookup });
    await expect(post(`http://rebinding.example:${port()}/hook`, dispatcher)).rejects.toThrow(/127\.0\.0\.1.*loopback/);
    expect(lookups).toBe(1);
    await dispatcher.close();
  });

  it("fails closed when the lookup fails", async () => {
    const lookup: LookupAll = async () => {
      throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
    };
    const dispatcher = createSafeDispatcher({ lookup });
    await expect(post("http://nowhere.example/hook", dispatcher)).rejects.toThrow(
      /DNS lookup of nowhere.example failed \(ENOTFOUND\)/,
    );
    await expect(resolvePublicAddress("nowhere.example", async () => [])).rejects.toThrow(/no address/);
    await dispatcher.close();
  });

  it("hands the connector the first vetted address when every address is public", async () => {
    const lookup: LookupAll = async () => [
      { address: "2606:2800:220:1:248:1893:25c8:1946", family: 6 },
      { address: "93.184.216.34", family: 4 },
    ];
    await expect(resolvePublicAddress("example.com", lookup)).resolves.toEqual({
      address: "2606:2800:220:1:248:1893:25c8:1946",
      family: 6,
    });
  });

  it("lets the flag lift the guard for development", async () => {
    const open = createSafeDispatcher({ allowPrivate: () => true });
    const response = await post(`${receiver.url}/allowed`, open);
    expect(response.statusCode).toBe(200);
    await response.body.dump();
    await open.close();
  });

  it("never reaches a loopback receiver through the engine: the attempt fails and is retried", async () => {
    const user = await createTestUser();
    await createTestWebhook(user.id, { url: `${receiver.url}/engine`, events: ["document.signed"], secret: "s" });
    const { id: eventId } = await recordEvent(user.id, {
      type: "DOCUMENT_SIGNED",
      payloadJson: JSON.stringify(getSamplePayload("DOCUMENT_SIGNED")),
    });
    const worker = startDeliveryWorker({ pollIntervalMs: 25 });
    try {
      const delivery = await waitUntil(async () => {
        const row = await getDb().selectFrom("deliveries").selectAll().where("event_id", "=", eventId).executeTakeFirstOrThrow();
        return row.status === "retrying" ? row : undefined;
      }, "the blocked attempt to be recorded");
      expect(delivery.attempt_count).toBe(1);
      expect(delivery.last_error).toMatch(/127\.0\.0\.1 is not a public address \(loopback\): blocked/);
    } finally {
      await worker.stop();
    }
    expect(receiver.requests.filter((r) => r.path === "/engine")).toHaveLength(0);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createWebhookAction } from "@/lib/actions/webhooks/create-webhook";
import { updateWebhookAction } from "@/lib/actions/webhooks/update-webhook";
import { openCustomHeaders } from "@/lib/webhooks/custom-headers";
import { testDialect } from "../helpers/db-info";
import { createTestUser } from "../helpers/users";

// The Documenso options and custom headers as the Create/Edit form saves them: what is refused
// (with the field the form shows it under), what is kept on edit, and that header values stay
// sealed and out of every view.

const SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const BASE = { url: "https://example.com/hook", events: ["document.signed"], secret: SECRET };

async function webhookCount() {
  const { n } = await getDb()
    .selectFrom("webhooks")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(n);
}

async function storedHeaders(id: string) {
  const row = await getDb().selectFrom("webhooks").select("custom_headers").where("id", "=", id).executeTakeFirstOrThrow();
  return { raw: row.custom_headers, plain: openCustomHeaders(row.custom_headers) };
}

afterEach(() => {
  process.env.WEBHOOK_ALLOW_PRIVATE = "1";
});

describe(`Documenso options and custom headers in the form (${testDialect})`, () => {
  it("both options are off unless asked for", async () => {
    const user = await createTestUser();
    const result = await createWebhookAction.withUser(user)(BASE);
    expect(result).toMatchObject({
      ok: true,
      webhook: { sendSecretHeader: false, includeRecipientTokens: false, customHeaderNames: [] },
    });
  });

  it.each([
    ["content-type", "Content-Type"],
    ["host", "Host"],
    ["content-length", "Content-Length"],
    ["transfer-encoding", "Transfer-Encoding"],
    ["user-agent", "User-Agent"],
    ["webhook-signature", "webhook-signature"],
    ["webhook-anything", "Webhook-Id"],
    ["x-documenso-secret", "X-Documenso-Secret"],
    ["x-documenso-*", "x-documenso-whatever"],
  ])("refuses the reserved header %s with a field error and saves nothing", async (_, name) => {
    const user = await createTestUser();
    const before = await webhookCount();
    const result = await createWebhookAction.withUser(user)({ ...BASE, customHeaders: [{ name, value: "x" }] });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { customHeaders: `${name} is set by Docuhooks and can't be replaced` },
    });
    expect(await webhookCount()).toBe(before);
  });

  it.each([
    ["a name with a space", [{ name: "X Api", value: "v" }], /not a header name/],
    ["a name with a colon", [{ name: "X-Api:", value: "v" }], /not a header name/],
    ["an empty name", [{ name: " ", value: "v" }], /Enter a header name/],
    ["a value with CR/LF", [{ name: "X-Api", value: "a\r\nX-Injected: 1" }], /printable ASCII/],
    ["a value over 1 KiB", [{ name: "X-Api", value: "v".repeat(1025) }], /at most 1024/],
    ["a non-ASCII value", [{ name: "X-Api", value: "café" }], /printable ASCII/],
    ["an empty value", [{ name: "X-Api", value: "  " }], /Enter a value for X-Api/],
    ["no value on create", [{ name: "X-Api" }], /Enter a value for X-Api/],
    [
      "a name twice (any case)",
      [
        { name: "X-Api", value: "a" },
        { name: "x-api", value: "b" },
      ],
      /listed twice/,
    ],
    ["21 headers", Array.from({ length: 21 }, (_, i) => ({ name: `X-H${i}`, value: "v" })), /At most 20/],
    ["not a list", "X-Api: v", /list of name and value/],
  ])("refuses %s", async (_, customHeaders, message) => {
    const user = await createTestUser();
    const result = await createWebhookAction.withUser(user)({ ...BASE, customHeaders });
    if (result.ok) throw new Error("expected a refusal");
    expect(result.fieldErrors?.customHeaders).toMatch(message);
  });

  it("accepts 20 headers with 1 KiB values, trimmed, keeping the names as typed", async () => {
    const user = await createTestUser();
    const headers = Array.from({ length: 20 }, (_, i) => ({ name: `X-Header-${i}`, value: ` ${"v".repeat(1024)} ` }));
    const result = await createWebhookAction.withUser(user)({ ...BASE, customHeaders: headers });
    if (!result.ok) throw new Error(result.message);
    expect(result.webhook.customHeaderNames).toEqual(headers.map((h) => h.name));
    const stored = await storedHeaders(result.webhook.id);
    expect(stored.plain[0]).toEqual({ name: "X-Header-0", value: "v".repeat(1024) });
    // Sealed text is base64, where a short run of v can occur by chance; a plain value would be 1,024 of them.
    expect(stored.raw).not.toContain("v".repeat(64));
  });

  it("X-Documenso-Secret needs a secret, and https unless WEBHOOK_ALLOW_PRIVATE is set", async () => {
    const user = await createTestUser();
    const withoutSecret = await createWebhookAction.withUser(user)({ ...BASE, secret: "", sendSecretHeader: true });
    expect(withoutSecret).toMatchObject({ ok: false, fieldErrors: { sendSecretHeader: expect.stringMatching(/Set a secret/) } });

    process.env.WEBHOOK_ALLOW_PRIVATE = "";
    const overHttp = await createWebhookAction.withUser(user)({
      ...BASE,
      url: "http://example.com/hook",
      sendSecretHeader: true,
    });
    expect(overHttp).toMatchObject({ ok: false, fieldErrors: { sendSecretHeader: expect.stringMatching(/https:\/\//) } });
    expect(await createWebhookAction.withUser(user)({ ...BASE, sendSecretHeader: true })).toMatchObject({ ok: true });

    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    expect(
      await createWebhookAction.withUser(user)({ ...BASE, url: "http://127.0.0.1:9/hook", sendSecretHeader: true }),
    ).toMatchObject({
      ok: true,
      webhook: { sendSecretHeader: true },
    });
  });

  it("edit keeps each header's value unless replaced, drops removed ones, and refuses removing the secret it sends", async () => {
    const user = await createTestUser();
    const created = await createWebhookAction.withUser(user)({
      ...BASE,
      sendSecretHeader: true,
      includeRecipientTokens: true,
      customHeaders: [
        { name: "Authorization", value: "Bearer one" },
        { name: "X-Tenant", value: "acme" },
        { name: "X-Old", value: "gone soon" },
      ],
    });
    if (!created.ok) throw new Error(created.message);
    const id = created.webhook.id;

    // What the edit form sends back: names, values only where typed, secret left alone.
    const edited = await updateWebhookAction.withUser(user)({
      id,
      ...BASE,
      secret: undefined,
      sendSecretHeader: true,
      includeRecipientTokens: false,
      customHeaders: [{ name: "Authorization" }, { name: "x-tenant", value: "globex" }, { name: "X-New", value: "fresh" }],
    });
    expect(edited).toMatchObject({
      ok: true,
      webhook: {
        sendSecretHeader: true,
        includeRecipientTokens: false,
        customHeaderNames: ["Authorization", "x-tenant", "X-New"],
      },
    });
    expect((await storedHeaders(id)).plain).toEqual([
      { name: "Authorization", value: "Bearer one" },
      { name: "x-tenant", value: "globex" },
      { name: "X-New", value: "fresh" },
    ]);

    const removingSecret = await updateWebhookAction.withUser(user)({ id, ...BASE, secret: "", sendSecretHeader: true });
    expect(removingSecret).toMatchObject({ ok: false, fieldErrors: { sendSecretHeader: expect.stringMatching(/Set a secret/) } });

    // A name sent without a value that has nothing stored is not saved.
    const cleared = await updateWebhookAction.withUser(user)({ id, ...BASE, customHeaders: [{ name: "X-Unknown" }] });
    expect(cleared).toMatchObject({ ok: true, webhook: { customHeaderNames: [] } });
    expect((await storedHeaders(id)).raw).toBeNull();
  });

  it("another user's webhook is not found and keeps its headers", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const created = await createWebhookAction.withUser(owner)({ ...BASE, customHeaders: [{ name: "X-Api", value: "mine" }] });
    if (!created.ok) throw new Error(created.message);
    const result = await updateWebhookAction.withUser(stranger)({ id: created.webhook.id, ...BASE, customHeaders: [] });
    expect(result).toMatchObject({ ok: false, message: "Webhook not found" });
    expect((await storedHeaders(created.webhook.id)).plain).toEqual([{ name: "X-Api", value: "mine" }]);
  });
});

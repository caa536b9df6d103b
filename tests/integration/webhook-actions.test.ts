import { describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { createWebhookAction } from "@/lib/actions/webhooks/create-webhook";
import { deleteWebhookAction } from "@/lib/actions/webhooks/delete-webhook";
import { revealWebhookSecretAction } from "@/lib/actions/webhooks/reveal-webhook-secret";
import { setWebhookEnabledAction } from "@/lib/actions/webhooks/set-webhook-enabled";
import { updateWebhookAction } from "@/lib/actions/webhooks/update-webhook";
import { SESSION_ENDED_MESSAGE } from "@/lib/auth/session";
import { ZWebhookFormSchema } from "@/lib/validation/webhook-fields";
import { testDialect } from "../helpers/db-info";
import { createTestUser } from "../helpers/users";

const SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
const VALID = { url: "https://example.com/hook", events: ["document.signed"], secret: SECRET, enabled: true };

/** Every webhook row, in a stable order: "nothing changed" means this is equal before and after. */
async function snapshot() {
  return getDb().selectFrom("webhooks").selectAll().orderBy("id").execute();
}

async function createFor(user: { id: string; email: string }, input: object = VALID) {
  const result = await createWebhookAction.withUser(user)(input);
  if (!result.ok) throw new Error(`create failed: ${result.message}`);
  return result.webhook;
}

const HUGE = "x".repeat(1024 * 1024);

// Bad values for each field, and what must never happen with them: a throw, or a write.
const BAD_URLS: unknown[] = [
  "",
  "   ",
  HUGE,
  `https://example.com/${HUGE}`,
  "ftp://example.com/hook",
  "javascript:alert(1)",
  "JavaScript:alert(document.cookie)",
  "data:text/html,hi",
  "file:///etc/passwd",
  "https://user:pass@example.com/hook",
  "not a url",
  42,
  null,
  { href: "https://example.com" },
  ["https://example.com"],
  true,
];
const BAD_EVENTS: unknown[] = [
  [],
  ["document.exploded"],
  ["DOCUMENT_SIGNED", "nope"],
  "document.signed",
  [42],
  [null],
  null,
  7,
  { 0: "document.signed" },
  [HUGE],
];
const BAD_SECRETS: unknown[] = [HUGE, 123, { value: "x" }, ["a"], "whsec_"];
const BAD_ENABLED: unknown[] = ["yes", 1, null, {}];

describe(`webhook actions on ${testDialect}`, () => {
  it("needs a signed-in user", async () => {
    const owner = await createTestUser();
    const webhook = await createFor(owner);
    const before = await snapshot();
    const sessionEnded = { ok: false, message: SESSION_ENDED_MESSAGE };
    expect(await createWebhookAction.withUser(null)(VALID)).toEqual(sessionEnded);
    expect(await revealWebhookSecretAction.withUser(null)({ id: webhook.id })).toEqual(sessionEnded);
    expect(await snapshot()).toEqual(before);
  });

  it("the exported server actions, called outside a signed-in request, change nothing and do not throw", async () => {
    const user = await createTestUser();
    const webhook = await createFor(user);
    const before = await snapshot();
    // Outside a request Next refuses to read headers: the action logs it and answers generically.
    // The logger writes JSON lines to stdout: read what it wrote.
    const logged = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      expect(await createWebhookAction(VALID)).toEqual({ ok: false, message: "Something went wrong. Try again." });
      expect((await deleteWebhookAction({ id: webhook.id })).ok).toBe(false);
      expect(logged).toHaveBeenCalled();
      // The log says which action failed and why, never what was sent to it.
      expect(JSON.stringify(logged.mock.calls)).toContain("create webhook");
      expect(JSON.stringify(logged.mock.calls)).not.toContain(SECRET);
    } finally {
      logged.mockRestore();
    }
    expect(await snapshot()).toEqual(before);
  });

  it("create, update, toggle, reveal and delete for the owner", async () => {
    const user = await createTestUser();
    const webhook = await createFor(user);
    expect(webhook).toMatchObject({ url: VALID.url, events: ["document.signed"], enabled: true, hasSecret: true });

    const updated = await updateWebhookAction.withUser(user)({
      id: webhook.id,
      url: "https://example.com/v2",
      events: ["document.sent", "DOCUMENT_COMPLETED"],
      enabled: true,
    });
    expect(updated).toMatchObject({
      ok: true,
      webhook: { url: "https://example.com/v2", events: ["document.sent", "document.completed"], hasSecret: true },
    });

    expect(await setWebhookEnabledAction.withUser(user)({ id: webhook.id, enabled: false })).toMatchObject({
      ok: true,
      webhook: { enabled: false },
    });
    expect(await revealWebhookSecretAction.withUser(user)({ id: webhook.id })).toEqual({ ok: true, secret: SECRET });
    expect(await deleteWebhookAction.withUser(user)({ id: webhook.id })).toEqual({ ok: true });
    expect(await snapshot()).toEqual(expect.not.arrayContaining([expect.objectContaining({ id: webhook.id })]));
  });

  it("the raw secret column never holds the secret", async () => {
    const user = await createTestUser();
    const webhook = await createFor(user);
    const row = await getDb().selectFrom("webhooks").selectAll().where("id", "=", webhook.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(SECRET);
    expect(JSON.stringify(row)).not.toContain(SECRET.slice("whsec_".length));
  });

  it("another user's webhook id is not found for every action, and nothing changes", async () => {
    const owner = await createTestUser();
    const intruder = await createTestUser();
    const webhook = await createFor(owner);
    const before = await snapshot();
    const notFound = { ok: false, message: "Webhook not found" };

    expect(await updateWebhookAction.withUser(intruder)({ ...VALID, id: webhook.id, url: "https://attacker.example/" })).toEqual(
      notFound,
    );
    expect(await setWebhookEnabledAction.withUser(intruder)({ id: webhook.id, enabled: false })).toEqual(notFound);
    expect(await revealWebhookSecretAction.withUser(intruder)({ id: webhook.id })).toEqual(notFound);
    expect(await deleteWebhookAction.withUser(intruder)({ id: webhook.id })).toEqual(notFound);
    // An id that exists nowhere reads the same, so ids cannot be probed.
    expect(await deleteWebhookAction.withUser(intruder)({ id: "wh_doesnotexist" })).toEqual(notFound);

    expect(await snapshot()).toEqual(before);
  });

  it("bad input never throws, returns field errors, and writes nothing", async () => {
    const user = await createTestUser();
    const webhook = await createFor(user);
    const before = await snapshot();

    const cases: { field: string; input: Record<string, unknown> }[] = [
      ...BAD_URLS.map((url) => ({ field: "url", input: { ...VALID, url } })),
      ...BAD_EVENTS.map((events) => ({ field: "events", input: { ...VALID, events } })),
      ...BAD_SECRETS.map((secret) => ({ field: "secret", input: { ...VALID, secret } })),
      ...BAD_ENABLED.map((enabled) => ({ field: "enabled", input: { ...VALID, enabled } })),
    ];
    for (const { field, input } of cases) {
      const created = await createWebhookAction.withUser(user)(input);
      expect(created.ok, `create with bad ${field}: ${String(input[field]).slice(0, 40)}`).toBe(false);
      if (!created.ok) expect(created.fieldErrors?.[field], `field error for ${field}`).toBeTruthy();

      const updated = await updateWebhookAction.withUser(user)({ ...input, id: webhook.id });
      expect(updated.ok, `update with bad ${field}`).toBe(false);
      if (!updated.ok) expect(updated.fieldErrors?.[field]).toBeTruthy();
    }
    expect(await snapshot()).toEqual(before);
  });

  it("wrong shapes of the whole input and of ids are refused without throwing", async () => {
    const user = await createTestUser();
    const webhook = await createFor(user);
    const before = await snapshot();
    const inputs: unknown[] = [
      undefined,
      null,
      "",
      42,
      "string",
      [],
      [VALID],
      { id: 42 },
      { id: null },
      { id: "" },
      { id: HUGE },
      { id: { $ne: "" } },
    ];
    for (const input of inputs) {
      expect((await createWebhookAction.withUser(user)(input)).ok).toBe(false);
      expect((await updateWebhookAction.withUser(user)(input)).ok).toBe(false);
      expect((await deleteWebhookAction.withUser(user)(input)).ok).toBe(false);
      expect((await setWebhookEnabledAction.withUser(user)(input)).ok).toBe(false);
      expect((await revealWebhookSecretAction.withUser(user)(input)).ok).toBe(false);
    }
    expect(await setWebhookEnabledAction.withUser(user)({ id: webhook.id, enabled: "false" })).toMatchObject({
      ok: false,
      fieldErrors: { enabled: expect.any(String) },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses literal private addresses on the server even though the browser form lets them through", async () => {
    const previous = process.env.WEBHOOK_ALLOW_PRIVATE;
    process.env.WEBHOOK_ALLOW_PRIVATE = "0";
    try {
      const user = await createTestUser();
      const before = await snapshot();
      for (const url of [
        "http://127.0.0.1:8080/hook",
        "http://localhost/hook",
        "http://[::ffff:10.0.0.1]/",
        "http://169.254.169.254/latest",
      ]) {
        // The form's schema (ZWebhookFormSchema) has no say here: this is the server's extra check.
        expect(ZWebhookFormSchema.safeParse({ ...VALID, url }).success).toBe(true);
        const result = await createWebhookAction.withUser(user)({ ...VALID, url });
        expect(result, url).toMatchObject({ ok: false, fieldErrors: { url: expect.stringMatching(/must not point at/) } });
      }
      expect(await snapshot()).toEqual(before);
    } finally {
      if (previous === undefined) delete process.env.WEBHOOK_ALLOW_PRIVATE;
      else process.env.WEBHOOK_ALLOW_PRIVATE = previous;
    }
  });

  it("the per-user limit is a clear message, not an error", async () => {
    const previous = process.env.WEBHOOKS_PER_USER;
    process.env.WEBHOOKS_PER_USER = "1";
    try {
      const user = await createTestUser();
      await createFor(user);
      const result = await createWebhookAction.withUser(user)(VALID);
      expect(result).toEqual({ ok: false, message: "You can have at most 1 webhooks. Delete one to add another." });
    } finally {
      if (previous === undefined) delete process.env.WEBHOOKS_PER_USER;
      else process.env.WEBHOOKS_PER_USER = previous;
    }
  });
});

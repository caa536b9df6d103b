import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { type TCreateWebhookInput, ZCreateWebhookSchema, ZUpdateWebhookSchema } from "@/lib/validation/webhook";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { deleteWebhook } from "@/lib/webhooks/delete-webhook";
import { getWebhookDetail } from "@/lib/webhooks/get-webhook-detail";
import { listWebhooks } from "@/lib/webhooks/list-webhooks";
import { revealWebhookSecret } from "@/lib/webhooks/reveal-webhook-secret";
import { setWebhookEnabled } from "@/lib/webhooks/set-webhook-enabled";
import { updateWebhook } from "@/lib/webhooks/update-webhook";
import { testDialect } from "../helpers/db-info";
import { createTestUser } from "../helpers/users";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

function parsed(input: TCreateWebhookInput) {
  return ZCreateWebhookSchema.parse(input);
}

async function rawRow(id: string) {
  return getDb().selectFrom("webhooks").selectAll().where("id", "=", id).executeTakeFirst();
}

describe(`webhooks manage (lib) on ${testDialect}`, () => {
  it("creates, lists, reads, updates and deletes the user's webhook", async () => {
    const user = await createTestUser();
    const created = await createWebhook(
      user.id,
      parsed({ url: "https://example.com/hook", events: ["document.signed", "DOCUMENT_SENT"], secret: SECRET, enabled: true }),
    );
    if (!created.ok) throw new Error("create failed");
    expect(created.webhook).toMatchObject({
      url: "https://example.com/hook",
      events: ["document.signed", "document.sent"],
      enabled: true,
      hasSecret: true,
      disabledReason: null,
    });
    expect(created.webhook).not.toHaveProperty("secret");

    const list = await listWebhooks(user.id);
    expect(list.map((w) => w.id)).toEqual([created.webhook.id]);
    expect(JSON.stringify(list)).not.toContain(SECRET);
    expect(await getWebhookDetail(user.id, created.webhook.id)).toEqual({
      ...created.webhook,
      previousSecretExpiresAt: null,
      disabledAt: null,
    });

    const updated = await updateWebhook(
      user.id,
      ZUpdateWebhookSchema.parse({
        id: created.webhook.id,
        url: "https://example.com/v2",
        events: ["document.completed"],
        enabled: false,
      }),
    );
    expect(updated).toMatchObject({
      url: "https://example.com/v2",
      events: ["document.completed"],
      enabled: false,
      hasSecret: true,
    });
    expect(await revealWebhookSecret(user.id, created.webhook.id)).toEqual({ secret: SECRET });

    expect(await deleteWebhook(user.id, created.webhook.id)).toBe(true);
    expect(await listWebhooks(user.id)).toEqual([]);
    expect(await getWebhookDetail(user.id, created.webhook.id)).toBeUndefined();
    expect(await deleteWebhook(user.id, created.webhook.id)).toBe(false);
  });

  it("stores the secret encrypted and events as wire names", async () => {
    const user = await createTestUser();
    const created = await createWebhook(
      user.id,
      parsed({ url: "https://example.com/a", events: ["document.opened"], secret: SECRET }),
    );
    if (!created.ok) throw new Error("create failed");
    const row = await rawRow(created.webhook.id);
    expect(row?.secret_encrypted).toBeTruthy();
    expect(row?.secret_encrypted).not.toContain(SECRET);
    expect(row?.secret_encrypted).not.toContain(SECRET.slice(6));
    expect(JSON.parse(row!.events)).toEqual(["DOCUMENT_OPENED"]);
  });

  it("keeps the secret when the update leaves it out, clears it on empty, replaces it otherwise", async () => {
    const user = await createTestUser();
    const created = await createWebhook(
      user.id,
      parsed({ url: "https://example.com/s", events: ["document.sent"], secret: SECRET }),
    );
    if (!created.ok) throw new Error("create failed");
    const base = { id: created.webhook.id, url: "https://example.com/s", events: ["document.sent"], enabled: true };

    await updateWebhook(user.id, ZUpdateWebhookSchema.parse(base));
    expect(await revealWebhookSecret(user.id, base.id)).toEqual({ secret: SECRET });

    await updateWebhook(user.id, ZUpdateWebhookSchema.parse({ ...base, secret: "my-new-secret" }));
    expect(await revealWebhookSecret(user.id, base.id)).toEqual({ secret: "my-new-secret" });

    const cleared = await updateWebhook(user.id, ZUpdateWebhookSchema.parse({ ...base, secret: "" }));
    expect(cleared?.hasSecret).toBe(false);
    expect(await revealWebhookSecret(user.id, base.id)).toEqual({ secret: null });
    expect((await rawRow(base.id))?.secret_encrypted).toBeNull();
  });

  it("re-enabling clears the reason the system disabled it", async () => {
    const user = await createTestUser();
    const created = await createWebhook(user.id, parsed({ url: "https://example.com/g", events: ["document.sent"] }));
    if (!created.ok) throw new Error("create failed");
    await getDb()
      .updateTable("webhooks")
      .set({ enabled: 0, disabled_reason: "The endpoint answered 410 Gone", disabled_at: Date.now() })
      .where("id", "=", created.webhook.id)
      .execute();
    expect(await getWebhookDetail(user.id, created.webhook.id)).toMatchObject({
      enabled: false,
      disabledReason: "The endpoint answered 410 Gone",
      disabledAt: expect.any(Number),
    });

    const disabledAgain = await setWebhookEnabled(user.id, created.webhook.id, false);
    expect(disabledAgain).toMatchObject({ enabled: false, disabledReason: "The endpoint answered 410 Gone" });
    const enabled = await setWebhookEnabled(user.id, created.webhook.id, true);
    expect(enabled).toMatchObject({ enabled: true, disabledReason: null });
    expect((await rawRow(created.webhook.id))?.disabled_at).toBeNull();
  });

  it("treats another user's webhook as not found and leaves it unchanged", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const created = await createWebhook(
      owner.id,
      parsed({ url: "https://example.com/o", events: ["document.sent"], secret: SECRET }),
    );
    if (!created.ok) throw new Error("create failed");
    const id = created.webhook.id;
    const before = await rawRow(id);

    expect(await getWebhookDetail(other.id, id)).toBeUndefined();
    expect(await listWebhooks(other.id)).toEqual([]);
    expect(await revealWebhookSecret(other.id, id)).toBeNull();
    expect(await setWebhookEnabled(other.id, id, false)).toBeNull();
    expect(
      await updateWebhook(
        other.id,
        ZUpdateWebhookSchema.parse({ id, url: "https://evil.example/x", events: ["document.signed"], secret: "" }),
      ),
    ).toBeNull();
    expect(await deleteWebhook(other.id, id)).toBe(false);

    expect(await rawRow(id)).toEqual(before);
  });

  it("enforces the per-user webhook limit without touching other users", async () => {
    const previous = process.env.WEBHOOKS_PER_USER;
    process.env.WEBHOOKS_PER_USER = "2";
    try {
      const user = await createTestUser();
      const other = await createTestUser();
      const input = parsed({ url: "https://example.com/l", events: ["document.sent"] });
      expect((await createWebhook(user.id, input)).ok).toBe(true);
      expect((await createWebhook(user.id, input)).ok).toBe(true);
      expect(await createWebhook(user.id, input)).toEqual({
        ok: false,
        code: "limit_reached",
        message: "You can have at most 2 webhooks. Delete one to add another.",
      });
      expect(await listWebhooks(user.id)).toHaveLength(2);
      expect((await createWebhook(other.id, input)).ok).toBe(true);
    } finally {
      if (previous === undefined) delete process.env.WEBHOOKS_PER_USER;
      else process.env.WEBHOOKS_PER_USER = previous;
    }
  });

  it("holds the limit when creates race", async () => {
    const previous = process.env.WEBHOOKS_PER_USER;
    process.env.WEBHOOKS_PER_USER = "3";
    try {
      const user = await createTestUser();
      const input = parsed({ url: "https://example.com/race", events: ["document.sent"] });
      const results = await Promise.all(Array.from({ length: 8 }, () => createWebhook(user.id, input)));
      expect(results.filter((r) => r.ok)).toHaveLength(3);
      expect(await listWebhooks(user.id)).toHaveLength(3);
    } finally {
      if (previous === undefined) delete process.env.WEBHOOKS_PER_USER;
      else process.env.WEBHOOKS_PER_USER = previous;
    }
  });

  it("lists newest first and skips unreadable stored events instead of failing", async () => {
    const user = await createTestUser();
    const first = await createWebhook(user.id, parsed({ url: "https://example.com/1", events: ["document.sent"] }));
    const second = await createWebhook(user.id, parsed({ url: "https://example.com/2", events: ["document.sent"] }));
    if (!first.ok || !second.ok) throw new Error("create failed");
    await getDb().updateTable("webhooks").set({ created_at: 1 }).where("id", "=", first.webhook.id).execute();
    await getDb().updateTable("webhooks").set({ events: "not json" }).where("id", "=", second.webhook.id).execute();
    const list = await listWebhooks(user.id);
    expect(list.map((w) => w.url)).toEqual(["https://example.com/2", "https://example.com/1"]);
    expect(list[0].events).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createApiTokenAction } from "@/lib/actions/tokens/create-api-token";
import { revokeApiTokenAction } from "@/lib/actions/tokens/revoke-api-token";
import { authenticateApiToken, LAST_USED_RESOLUTION_MS } from "@/lib/http/with-api-token";
import { createApiToken, MAX_API_TOKENS_PER_USER } from "@/lib/tokens/create-api-token";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { testDialect } from "../helpers/db-info";
import { createTestUser } from "../helpers/users";

async function create(userId: string, name: string) {
  const result = await createApiToken(userId, { name });
  if (!result.ok) throw new Error(result.message);
  return result.token;
}

describe(`API tokens (${testDialect})`, () => {
  it("shows the token once and stores only its hash and a short prefix", async () => {
    const user = await createTestUser();
    const created = await create(user.id, "  CI pipeline  ");
    expect(created.token).toMatch(/^dh_[0-9A-Za-z]{32}$/);
    expect(created.name).toBe("CI pipeline");
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(created.prefix.length).toBeLessThan(10);

    const rows = await getDb().selectFrom("api_tokens").selectAll().where("user_id", "=", user.id).execute();
    expect(rows).toHaveLength(1);
    for (const value of Object.values(rows[0])) {
      expect(String(value)).not.toContain(created.token);
      expect(String(value)).not.toContain(created.token.slice(3));
    }
    expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);

    // Nothing that lists tokens can show it again.
    const listed = await listApiTokens(user.id);
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it("makes different tokens every time", async () => {
    const user = await createTestUser();
    const a = await create(user.id, "a");
    const b = await create(user.id, "b");
    expect(a.token).not.toBe(b.token);
  });

  it("rejects an empty or overlong name", async () => {
    const user = await createTestUser();
    expect(await createApiToken(user.id, { name: "   " })).toMatchObject({ ok: false, code: "invalid" });
    expect(await createApiToken(user.id, { name: "x".repeat(101) })).toMatchObject({ ok: false, code: "invalid" });
    expect(await createApiToken(user.id, { name: "nul\u0000byte" })).toMatchObject({ ok: false, code: "invalid" });
    expect((await createApiToken(user.id, { name: "x".repeat(100) })).ok).toBe(true);
  });

  it(`caps a user at ${MAX_API_TOKENS_PER_USER} tokens, even when created at once`, async () => {
    const user = await createTestUser();
    const results = await Promise.all(
      Array.from({ length: MAX_API_TOKENS_PER_USER + 5 }, (_, i) => createApiToken(user.id, { name: `t${i}` })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(MAX_API_TOKENS_PER_USER);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "limit")).toBe(true);
    expect(await listApiTokens(user.id)).toHaveLength(MAX_API_TOKENS_PER_USER);
    // Another user is not affected by this one's cap.
    const other = await createTestUser();
    expect((await createApiToken(other.id, { name: "mine" })).ok).toBe(true);
  });

  it("lists only the user's own tokens, newest first, with name, prefix, created and last used", async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const first = await create(user.id, "first");
    await new Promise((r) => setTimeout(r, 5));
    const second = await create(user.id, "second");
    await create(other.id, "not yours");

    const listed = await listApiTokens(user.id);
    expect(listed.map((t) => t.name)).toEqual(["second", "first"]);
    expect(listed[0]).toEqual({
      id: second.id,
      name: "second",
      prefix: second.prefix,
      scope: "write",
      createdAt: second.createdAt,
      lastUsedAt: null,
    });

    expect((await authenticateApiToken(first.token))?.userId).toBe(user.id);
    const after = await listApiTokens(user.id);
    expect(after.find((t) => t.id === first.id)?.lastUsedAt).toEqual(expect.any(Number));
  });

  it("creates read-only or read-and-write tokens; read and write by default, as older tokens are", async () => {
    const user = await createTestUser();
    const readOnly = await createApiTokenAction.withUser(user)({ name: "reporting", scope: "read" });
    await new Promise((r) => setTimeout(r, 5));
    const byDefault = await createApiTokenAction.withUser(user)({ name: "ingest" });
    if (!readOnly.ok || !byDefault.ok) throw new Error("token not created");
    expect(readOnly.token.scope).toBe("read");
    expect(byDefault.token.scope).toBe("write");
    expect(await authenticateApiToken(readOnly.token.token)).toMatchObject({ userId: user.id, scope: "read" });
    expect((await listApiTokens(user.id)).map((t) => [t.name, t.scope])).toEqual([
      ["ingest", "write"],
      ["reporting", "read"],
    ]);
    expect(await createApiTokenAction.withUser(user)({ name: "x", scope: "admin" })).toMatchObject({
      ok: false,
      fieldErrors: { scope: "Choose read only or read and write" },
    });

    // A row written without a scope (every token made before scopes existed) can do everything.
    await getDb()
      .insertInto("api_tokens")
      .values({
        id: "tok_older",
        user_id: user.id,
        name: "older",
        token_hash: "f".repeat(64),
        token_prefix: "dh_Old1",
        created_at: 1,
        last_used_at: null,
      })
      .execute();
    expect((await listApiTokens(user.id)).find((t) => t.id === "tok_older")?.scope).toBe("write");
  });

  it("authenticates a token for its owner only and rejects anything else", async () => {
    const user = await createTestUser();
    const created = await create(user.id, "api");
    expect((await authenticateApiToken(created.token))?.userId).toBe(user.id);
    expect(await authenticateApiToken(created.token.slice(0, -1) + (created.token.endsWith("a") ? "b" : "a"))).toBeNull();
    expect(await authenticateApiToken("")).toBeNull();
    expect(await authenticateApiToken("dh_short")).toBeNull();
    expect(await authenticateApiToken(`${created.token} `)).toBeNull();
  });

  it("writes last used at most once a minute", async () => {
    const user = await createTestUser();
    const created = await create(user.id, "hot");
    const t0 = 1_900_000_000_000;
    await authenticateApiToken(created.token, t0);
    await authenticateApiToken(created.token, t0 + 30_000);
    const lastUsed = async () => (await listApiTokens(user.id))[0].lastUsedAt;
    expect(await lastUsed()).toBe(t0);
    await authenticateApiToken(created.token, t0 + LAST_USED_RESOLUTION_MS);
    expect(await lastUsed()).toBe(t0 + LAST_USED_RESOLUTION_MS);
  });

  it("revokes a token so it no longer authenticates", async () => {
    const user = await createTestUser();
    const keep = await create(user.id, "keep");
    const gone = await create(user.id, "gone");
    expect(await revokeApiToken(user.id, gone.id)).toBe(true);
    expect(await authenticateApiToken(gone.token)).toBeNull();
    expect((await authenticateApiToken(keep.token))?.userId).toBe(user.id);
    expect((await listApiTokens(user.id)).map((t) => t.id)).toEqual([keep.id]);
    expect(await revokeApiToken(user.id, gone.id)).toBe(false);
  });

  it("treats another user's token id as not found and leaves it working", async () => {
    const owner = await createTestUser();
    const intruder = await createTestUser();
    const created = await create(owner.id, "owner's");
    expect(await revokeApiToken(intruder.id, created.id)).toBe(false);
    expect((await authenticateApiToken(created.token))?.userId).toBe(owner.id);
    expect(await listApiTokens(intruder.id)).toEqual([]);
  });
});

describe(`API token actions (${testDialect})`, () => {
  it("create shows the token once; revoke stops it; a second revoke and another user's revoke are not found", async () => {
    const user = await createTestUser();
    const intruder = await createTestUser();
    const created = await createApiTokenAction.withUser(user)({ name: "  deploy  " });
    if (!created.ok) throw new Error(created.message);
    expect(created.token).toMatchObject({ name: "deploy", token: expect.stringMatching(/^dh_[0-9A-Za-z]{32}$/) });
    expect((await authenticateApiToken(created.token.token))?.userId).toBe(user.id);

    const notFound = { ok: false, message: "Token not found. It may have been revoked already." };
    expect(await revokeApiTokenAction.withUser(intruder)({ id: created.token.id })).toEqual(notFound);
    expect((await authenticateApiToken(created.token.token))?.userId).toBe(user.id);

    expect(await revokeApiTokenAction.withUser(user)({ id: created.token.id })).toEqual({ ok: true });
    expect(await authenticateApiToken(created.token.token)).toBeNull();
    expect(await revokeApiTokenAction.withUser(user)({ id: created.token.id })).toEqual(notFound);
  });

  it("a bad name is a field error under Name, and the cap is a message under it too; nothing is written", async () => {
    const user = await createTestUser();
    for (const name of ["   ", "x".repeat(101), "nul\u0000byte", 42, undefined]) {
      const result = await createApiTokenAction.withUser(user)({ name });
      expect(result, String(name)).toMatchObject({ ok: false, fieldErrors: { name: expect.any(String) } });
    }
    expect(await listApiTokens(user.id)).toEqual([]);

    for (let i = 0; i < MAX_API_TOKENS_PER_USER; i++) await create(user.id, `t${i}`);
    expect(await createApiTokenAction.withUser(user)({ name: "one more" })).toEqual({
      ok: false,
      message: `You can have at most ${MAX_API_TOKENS_PER_USER} API tokens. Revoke one you no longer use first.`,
      fieldErrors: { name: `You can have at most ${MAX_API_TOKENS_PER_USER} API tokens. Revoke one you no longer use first.` },
    });
    expect(await listApiTokens(user.id)).toHaveLength(MAX_API_TOKENS_PER_USER);
  });
});

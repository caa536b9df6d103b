import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { isFullyRotated, rotateStoredSecrets } from "@/lib/crypto/rotate-stored-secrets";
import { ZCreateWebhookSchema } from "@/lib/validation/webhook";
import { createWebhook } from "@/lib/webhooks/create-webhook";
import { revealWebhookSecret } from "@/lib/webhooks/reveal-webhook-secret";
import { testDialect } from "../helpers/db-info";
import { restoreEncryptionKeysAfterEach, useEncryptionKeys } from "../helpers/encryption-keys";
import { createTestUser } from "../helpers/users";

// `npm run rotate-encryption-key` as an operator runs it: a table of what it did, exit 1 and
// the rows' ids when a value opens with no configured key (never a key or a secret), exit 0
// and "can be removed" once everything is under the current key. A file of its own, so its
// database holds only its own rows.

const repoRoot = path.resolve(import.meta.dirname, "..", "..");

restoreEncryptionKeysAfterEach();

async function webhookWithEverything(userId: string, url: string) {
  const input = ZCreateWebhookSchema.parse({
    url,
    events: ["document.signed"],
    secret: "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
    customHeaders: [{ name: "Authorization", value: "Bearer receiver-api-key" }],
  });
  const created = await createWebhook(userId, input);
  if (!created.ok) throw new Error(created.code);
  return created.webhook.id;
}

function runRotationScript(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["tsx", "scripts/rotate-encryption-key.ts"], {
      cwd: repoRoot,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe(`npm run rotate-encryption-key (${testDialect})`, () => {
  it("names rows no configured key opens, leaves them as they were, and the command exits 1", { timeout: 120_000 }, async () => {
    useEncryptionKeys("key A");
    const user = await createTestUser();
    const lostId = await webhookWithEverything(user.id, "https://example.com/lost");
    const [before] = await getDb().selectFrom("webhooks").selectAll().where("id", "=", lostId).execute();

    // Key A is gone before the rotation: its rows cannot be resealed.
    useEncryptionKeys("key C", "key B");
    const report = await rotateStoredSecrets();
    expect(isFullyRotated(report)).toBe(false);
    const secretColumn = report.columns.find((c) => c.column === "webhooks.secret_encrypted");
    expect(secretColumn?.unreadable).toContain(lostId);
    expect(await getDb().selectFrom("webhooks").selectAll().where("id", "=", lostId).executeTakeFirst()).toEqual(before);

    const { code, output } = await runRotationScript();
    expect(code).toBe(1);
    expect(output).toContain(`unreadable in webhooks.secret_encrypted: `);
    expect(output).toContain(lostId);
    expect(output).not.toContain("key A");
    expect(output).not.toContain("receiver-api-key");

    // With key A listed as previous, the command reseals it and says A can be removed.
    useEncryptionKeys("key C", "key A");
    const fixed = await runRotationScript();
    expect(fixed.output).toContain("Every stored secret is under the current key");
    expect(fixed.code).toBe(0);
    expect(fixed.output).toMatch(/webhooks\.secret_encrypted\s+\d+\s+\d+\s+0/);
    useEncryptionKeys("key C");
    expect((await revealWebhookSecret(user.id, lostId))?.secret).toBe("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD");
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  DOCUMENSO_RECEIVER_SNIPPET,
  SIGNATURE_RECEIVER_SNIPPET,
  VERIFY_SIGNATURE_SNIPPET,
} from "@/components/webhook-guide/documenso-migration-snippets";
import { buildDeliveryBody, buildDeliveryHeaders, prepareSigningKeys } from "@/lib/delivery-engine/build-request";

// The migration guide tells Documenso receivers to replace their X-Documenso-Secret check with
// this verifier: run as the module a reader would save, it must accept what the worker sends
// (whsec_ and plain secrets, two signatures after a rotation) and refuse everything else.

type Verify = (rawBody: string, headers: Record<string, string | undefined>, secret: string, nowMs?: number) => boolean;

async function loadVerifier(): Promise<Verify> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "migration-")), "verify-docuhooks.mjs");
  fs.writeFileSync(file, VERIFY_SIGNATURE_SNIPPET);
  return ((await import(pathToFileURL(file).href)) as { isFromDocuhooks: Verify }).isFromDocuhooks;
}

const body = buildDeliveryBody("DOCUMENT_SIGNED", '{"id":1,"title":"Lease ✓"}', new Date(0).toISOString(), "https://x.io/h");
const ts = 1_700_000_000;
const now = ts * 1000 + 60_000;

describe("the migration guide's signature verifier", () => {
  it.each(["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "the same plain secret Documenso had"])(
    "accepts a delivery signed with %s and refuses tampering, another secret and old timestamps",
    async (secret) => {
      const isFromDocuhooks = await loadVerifier();
      const headers = buildDeliveryHeaders("msg_migrate", ts, body, prepareSigningKeys(secret));
      expect(isFromDocuhooks(body, headers, secret, now)).toBe(true);
      expect(isFromDocuhooks(body.replace("Lease", "Lense"), headers, secret, now)).toBe(false);
      const otherSecret = secret.startsWith("whsec_") ? "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD" : `${secret}!`;
      expect(isFromDocuhooks(body, headers, otherSecret, now)).toBe(false);
      expect(isFromDocuhooks(body, { ...headers, "webhook-id": "msg_other" }, secret, now)).toBe(false);
      expect(isFromDocuhooks(body, headers, secret, now + 10 * 60_000)).toBe(false);
      expect(isFromDocuhooks(body, { ...headers, "webhook-signature": undefined }, secret, now)).toBe(false);
      expect(isFromDocuhooks(body, headers, "", now)).toBe(false);
    },
  );

  it("accepts either secret while a rotated-out one still signs", async () => {
    const isFromDocuhooks = await loadVerifier();
    const headers = buildDeliveryHeaders(
      "msg_rotated",
      ts,
      body,
      prepareSigningKeys("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", "old"),
    );
    expect(isFromDocuhooks(body, headers, "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD", now)).toBe(true);
    expect(isFromDocuhooks(body, headers, "old", now)).toBe(true);
  });

  it("is the same code in docs/documenso-migration.md as in the app", () => {
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, "../../docs/documenso-migration.md"), "utf8");
    for (const snippet of [DOCUMENSO_RECEIVER_SNIPPET, VERIFY_SIGNATURE_SNIPPET, SIGNATURE_RECEIVER_SNIPPET]) {
      expect(doc).toContain(snippet);
    }
  });
});

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { PLAIN_HMAC_SNIPPET } from "@/components/webhook-guide/verify-snippets";
import { buildDeliveryBody, buildDeliveryHeaders, prepareSigningKeys } from "@/lib/delivery-engine/build-request";

// The guide tells receivers to copy this code: it must accept what the worker sends and
// refuse anything else, run as the plain Node module a reader would save it as.

describe("the guide's plain HMAC example", () => {
  it("accepts a delivery signed as the worker signs it, and refuses a changed body or secret", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "guide-")), "verify.mjs");
    fs.writeFileSync(file, PLAIN_HMAC_SNIPPET);
    const { isSignedByDocuhooks } = (await import(pathToFileURL(file).href)) as {
      isSignedByDocuhooks: (body: string, signature: unknown, secret: string) => boolean;
    };

    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = buildDeliveryBody(
      "DOCUMENT_SIGNED",
      '{"id":1,"title":"Lease ✓"}',
      new Date(0).toISOString(),
      "https://example.com/hook",
    );
    const headers = buildDeliveryHeaders("msg_guide", 1_700_000_000, body, prepareSigningKeys(secret));

    expect(isSignedByDocuhooks(body, headers["x-documenso-signature"], secret)).toBe(true);
    expect(isSignedByDocuhooks(body.replace("Lease", "Lense"), headers["x-documenso-signature"], secret)).toBe(false);
    expect(isSignedByDocuhooks(body, headers["x-documenso-signature"], `${secret}x`)).toBe(false);
    expect(isSignedByDocuhooks(body, undefined, secret)).toBe(false);
    expect(isSignedByDocuhooks(body, "zz", secret)).toBe(false);
  });
});

import { createHmac } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import {
  buildDeliveryHeaders,
  prepareSigningKeys,
  signDocumensoBody,
  signStandardWebhook,
  standardWebhooksKey,
} from "@/lib/delivery-engine/build-request";

// Known-answer vectors of the Standard Webhooks spec. The copy in tests/fixtures keeps the test
// independent of shared/ (which sits beside the clone); when shared/ is there, the copy must
// still match it.

type Vectors = {
  valid: { name: string; secret: string; msg_id: string; timestamp: number; payload: string; signature: string }[];
  must_not_verify_for_A: string[];
};

const repoRoot = path.resolve(import.meta.dirname, "..", "..");
const fixture = path.join(repoRoot, "tests", "fixtures", "standard-webhooks.json");
const shared = path.resolve(repoRoot, "..", "shared", "vectors", "standard-webhooks.json");
const vectors = JSON.parse(fs.readFileSync(fixture, "utf8")) as Vectors;

describe("Standard Webhooks signing", () => {
  it.skipIf(!fs.existsSync(shared))("uses a fixture identical to shared/vectors (skipped when shared/ is absent)", () => {
    expect(JSON.parse(fs.readFileSync(shared, "utf8"))).toEqual(vectors);
  });

  for (const vector of vectors.valid) {
    it(`matches known-answer vector ${vector.name}`, () => {
      const key = standardWebhooksKey(vector.secret);
      expect(signStandardWebhook(key, vector.msg_id, vector.timestamp, vector.payload)).toBe(vector.signature);
    });
  }

  it("never produces the signatures that must not verify", () => {
    const a = vectors.valid.find((v) => v.name === "A")!;
    const ours = signStandardWebhook(standardWebhooksKey(a.secret), a.msg_id, a.timestamp, a.payload);
    for (const wrong of vectors.must_not_verify_for_A) expect(ours).not.toBe(wrong);
  });

  it("keys a non-whsec secret by its UTF-8 bytes", () => {
    expect(standardWebhooksKey("plain secret é")).toEqual(Buffer.from("plain secret é", "utf8"));
    expect(standardWebhooksKey("whsec_aGVsbG8=")).toEqual(Buffer.from("hello"));
  });

  it("rejects an empty secret or a bare whsec_ instead of signing with an empty key", () => {
    expect(() => standardWebhooksKey("")).toThrow();
    expect(() => standardWebhooksKey("whsec_")).toThrow();
  });

  it("signs several keys space-separated during a rotation, each verifiable by the official library", () => {
    const body = '{"event":"DOCUMENT_SIGNED"}';
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = buildDeliveryHeaders(
      "msg_rotation",
      timestamp,
      body,
      prepareSigningKeys("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "old-plain-secret"),
    );
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(() => new Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").verify(body, headers)).not.toThrow();
    expect(() => new Webhook("old-plain-secret", { format: "raw" }).verify(body, headers)).not.toThrow();
    expect(() => new Webhook("whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD").verify(body, headers)).toThrow();
  });

  it("X-Documenso-Signature is the hex HMAC of the body with the secret as the user sees it", () => {
    const body = '{"a":1}';
    const expected = createHmac("sha256", Buffer.from("whsec_abc", "utf8")).update(body).digest("hex");
    expect(signDocumensoBody("whsec_abc", body)).toBe(expected);
    expect(buildDeliveryHeaders("msg_1", 1, body, prepareSigningKeys("whsec_abc"))["x-documenso-signature"]).toBe(expected);
  });

  it("sends no signature headers, and never the secret, without a secret", () => {
    const headers = buildDeliveryHeaders("msg_1", 1614265330, "{}", undefined);
    expect(headers).toEqual({
      "content-type": "application/json",
      "user-agent": "Docuhooks-Webhooks/1.0",
      "webhook-id": "msg_1",
      "webhook-timestamp": "1614265330",
    });
  });
});

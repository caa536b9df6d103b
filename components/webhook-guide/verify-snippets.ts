// The guide's verification examples, kept as text in one place so a test can run them
// (tests/unit/guide-snippets.test.ts) against a body signed the way the worker signs it.

export const STANDARD_WEBHOOKS_SNIPPET = `// npm install standardwebhooks express
import express from "express";
import { Webhook } from "standardwebhooks";

// The secret from the webhook's page. A "whsec_…" secret works as it is; for any other
// secret pass { format: "raw" }: new Webhook(secret, { format: "raw" }).
const webhook = new Webhook(process.env.DOCUHOOKS_SECRET);

const app = express();
// Verify the raw bytes: parsing and re-serializing the JSON would change them.
app.post("/webhooks/documenso", express.raw({ type: "application/json" }), (req, res) => {
  let delivery;
  try {
    // Checks webhook-signature over webhook-id, webhook-timestamp (at most 5 min old) and the body.
    delivery = webhook.verify(req.body.toString("utf8"), req.headers);
  } catch {
    return res.status(400).send("invalid signature");
  }
  // webhook-id is the same on every retry: use it to skip a delivery you already handled.
  console.log(req.headers["webhook-id"], delivery.event, delivery.payload.title);
  res.sendStatus(204);
});

app.listen(3001);
`;

export const PLAIN_HMAC_SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * X-Documenso-Signature: the hex HMAC-SHA256 of the raw body, keyed by the secret exactly
 * as shown on the webhook's page (its UTF-8 bytes, "whsec_" included).
 */
export function isSignedByDocuhooks(rawBody, signatureHeader, secret) {
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  const given = Buffer.from(String(signatureHeader ?? ""), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// In any Node HTTP handler, before parsing the JSON:
// if (!isSignedByDocuhooks(rawBody, req.headers["x-documenso-signature"], process.env.DOCUHOOKS_SECRET)) reply 401
`;

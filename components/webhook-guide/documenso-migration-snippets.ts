// The migration guide's code, kept as text in one place so a test can run the verifier
// (tests/unit/documenso-migration-snippets.test.ts) against deliveries signed as the worker
// signs them. The same text is in docs/documenso-migration.md.

/** What a receiver written from Documenso's docs does today (its verification page, shortened). */
export const DOCUMENSO_RECEIVER_SNIPPET = `const express = require("express");
const crypto = require("crypto");

const app = express();
app.use(express.json());

const WEBHOOK_SECRET = process.env.DOCUMENSO_WEBHOOK_SECRET;

app.post("/webhooks/documenso", (req, res) => {
  const receivedSecret = req.headers["x-documenso-secret"];
  const isValid =
    typeof receivedSecret === "string" &&
    receivedSecret.length === WEBHOOK_SECRET.length &&
    crypto.timingSafeEqual(Buffer.from(receivedSecret), Buffer.from(WEBHOOK_SECRET));
  if (!isValid) return res.status(401).json({ error: "Unauthorized" });

  const { event, payload } = req.body;
  // … handle the event …
  res.status(200).json({ received: true });
});

app.listen(3000);
`;

/** A dependency-free Standard Webhooks check: the signature over id, timestamp and raw body. */
export const VERIFY_SIGNATURE_SNIPPET = `import { createHmac, timingSafeEqual } from "node:crypto";

const TOLERANCE_SECONDS = 5 * 60;

/** The key Docuhooks signs with: the base64 after "whsec_", or the secret's own UTF-8 bytes. */
function signingKey(secret) {
  return secret.startsWith("whsec_") ? Buffer.from(secret.slice(6), "base64") : Buffer.from(secret, "utf8");
}

/**
 * True when webhook-signature holds a valid signature of this exact body, made at most five
 * minutes ago (so a captured request can't be replayed later). \`headers\` as Node gives them.
 * After a secret rotation the header carries two signatures for a day: either one will do.
 */
export function isFromDocuhooks(rawBody, headers, secret, nowMs = Date.now()) {
  const id = headers["webhook-id"];
  const timestamp = Number(headers["webhook-timestamp"]);
  if (!secret || !id || !Number.isInteger(timestamp) || Math.abs(nowMs / 1000 - timestamp) > TOLERANCE_SECONDS) {
    return false;
  }
  const expected = createHmac("sha256", signingKey(secret)).update(\`\${id}.\${timestamp}.\${rawBody}\`).digest();
  return String(headers["webhook-signature"] ?? "")
    .split(" ")
    .some((entry) => {
      const [version, signature] = entry.split(",");
      const given = Buffer.from(signature ?? "", "base64");
      return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
    });
}
`;

/** The same receiver after the move: raw body in, signature checked, then parsed. */
export const SIGNATURE_RECEIVER_SNIPPET = `import express from "express";
import { isFromDocuhooks } from "./verify-docuhooks.mjs";

const app = express();
const WEBHOOK_SECRET = process.env.DOCUMENSO_WEBHOOK_SECRET; // the same secret as before

// The signature covers the exact bytes: read the raw body, not express.json()'s parsed copy.
app.post("/webhooks/documenso", express.raw({ type: "application/json" }), (req, res) => {
  const rawBody = req.body.toString("utf8");
  if (!isFromDocuhooks(rawBody, req.headers, WEBHOOK_SECRET)) return res.status(401).json({ error: "Unauthorized" });

  const { event, payload } = JSON.parse(rawBody);
  // webhook-id is the same on every retry: skip one you already handled.
  // … handle the event exactly as before …
  res.status(200).json({ received: true });
});

app.listen(3000);
`;

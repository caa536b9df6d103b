// What every figure sends: one webhook secret, and a document shaped like Documenso's payload,
// sized so that the whole signed body is about 1 KB, a typical Documenso delivery.
import { createHmac } from "node:crypto";

/** A Standard Webhooks secret (`whsec_` + base64), as the Create Webhook modal generates. */
export const BENCH_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwYmVuY2g=";
const SECRET_KEY = Buffer.from(BENCH_SECRET.slice("whsec_".length), "base64");

export const BENCH_EVENT = "DOCUMENT_SIGNED" as const;

export function benchDocument(id: number, extra: Record<string, unknown> = {}) {
  const at = "2026-11-27T12:00:00.000Z";
  return {
    id,
    envelopeId: `envelope_${id}`,
    externalId: null,
    userId: 1,
    authOptions: null,
    formValues: null,
    visibility: "EVERYONE",
    title: "Mutual NDA - Acme / Globex.pdf",
    status: "PENDING",
    createdAt: at,
    updatedAt: at,
    completedAt: null,
    deletedAt: null,
    teamId: null,
    templateId: null,
    source: "DOCUMENT",
    documentMeta: {
      id: `meta_${id}`,
      subject: "Please sign",
      message: null,
      timezone: "Etc/UTC",
      dateFormat: "yyyy-MM-dd hh:mm a",
      redirectUrl: null,
      signingOrder: "PARALLEL",
      language: "en",
      distributionMethod: "EMAIL",
    },
    recipients: [
      {
        id: id * 10 + 1,
        envelopeId: `envelope_${id}`,
        documentId: id,
        templateId: null,
        email: "signer@example.com",
        name: "Sam Signer",
        signedAt: at,
        authOptions: { accessAuth: null, actionAuth: null },
        signingOrder: null,
        rejectionReason: null,
        role: "SIGNER",
        readStatus: "OPENED",
        signingStatus: "SIGNED",
        sendStatus: "SENT",
      },
    ],
    ...extra,
  };
}

/** The POST body in the product's envelope (docs/architecture.md, "Wire format"). */
export function envelopeJson(doc: unknown, createdAt: string, url: string): string {
  return JSON.stringify({ event: BENCH_EVENT, payload: doc, createdAt, webhookEndpoint: url });
}

/**
 * The same headers the product sends (Standard Webhooks + X-Documenso-Signature): the
 * baselines do this work too, so they are compared like for like.
 */
export function signedHeaders(msgId: string, body: string): Record<string, string> {
  const ts = Math.floor(Date.now() / 1000).toString();
  const signature = createHmac("sha256", SECRET_KEY).update(`${msgId}.${ts}.${body}`).digest("base64");
  return {
    "content-type": "application/json",
    "user-agent": "Docuhooks-bench",
    "webhook-id": msgId,
    "webhook-timestamp": ts,
    "webhook-signature": `v1,${signature}`,
    "x-documenso-signature": createHmac("sha256", BENCH_SECRET).update(body).digest("hex"),
  };
}

// Runs in the browser (the form's Generate button) and on the server (Rotate secret): only
// globalThis.crypto and btoa, which both have.

const SECRET_BYTES = 24;

/** A Standard Webhooks secret: "whsec_" + base64 of 24 random bytes (what the signer decodes). */
export function generateWebhookSecret(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

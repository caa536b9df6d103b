/** A Standard Webhooks secret: "whsec_" + base64 of 24 random bytes (what the engine decodes). */
export function generateWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

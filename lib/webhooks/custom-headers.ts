import { decryptSecret, encryptSecret } from "@/lib/crypto/encryption";
import type { TWebhookCustomHeaders } from "@/lib/validation/webhook-headers";

// How a webhook's custom headers are stored: a JSON array of { name, value } in
// webhooks.custom_headers, each value sealed like a secret (a header often carries an API
// key), names in the clear so the UI can list them without decrypting. Null when none.

export type StoredHeader = { name: string; value: string };

export function parseStoredHeaders(json: string | null): StoredHeader[] {
  if (!json) return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (header): header is StoredHeader => typeof header?.name === "string" && typeof header?.value === "string",
    );
  } catch {
    return [];
  }
}

/** The names alone, as the UI shows them once saved. */
export function customHeaderNames(json: string | null): string[] {
  return parseStoredHeaders(json).map((header) => header.name);
}

/**
 * The column's new value. A header given without a value keeps the one stored under the same
 * name (names compare case-insensitively, as HTTP does); with no such value it is dropped.
 */
export function sealCustomHeaders(headers: TWebhookCustomHeaders, storedJson: string | null = null): string | null {
  const stored = new Map(parseStoredHeaders(storedJson).map((header) => [header.name.toLowerCase(), header.value]));
  const sealed = headers.flatMap((header) => {
    const value = header.value === undefined ? stored.get(header.name.toLowerCase()) : encryptSecret(header.value);
    return value === undefined ? [] : [{ name: header.name, value }];
  });
  return sealed.length > 0 ? JSON.stringify(sealed) : null;
}

/** The plain values, for the delivery engine only: they never go to the browser. */
export function openCustomHeaders(json: string | null): StoredHeader[] {
  return parseStoredHeaders(json).map((header) => ({ name: header.name, value: decryptSecret(header.value) }));
}

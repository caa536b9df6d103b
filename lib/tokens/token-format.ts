import { createHash, randomBytes } from "node:crypto";

// What an API token looks like and how it is stored. The token is shown once; the database
// keeps only its SHA-256 (a fast hash is enough: 32 random base62 characters carry ~190 bits,
// so there is nothing to brute-force) and a short prefix so the user can tell tokens apart.

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const TOKEN_PREFIX = "dh_";
const TOKEN_RANDOM_LENGTH = 32;
/** "dh_" + 4 characters: enough to tell a user's tokens apart, far too little to guess one. */
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 4;

const TOKEN_PATTERN = new RegExp(`^${TOKEN_PREFIX}[0-9A-Za-z]{${TOKEN_RANDOM_LENGTH}}$`);

export function generateToken(): string {
  let out = "";
  while (out.length < TOKEN_RANDOM_LENGTH) {
    for (const byte of randomBytes(TOKEN_RANDOM_LENGTH)) {
      // Rejection sampling: 248 = 4 * 62, so every character is equally likely.
      if (byte < 248 && out.length < TOKEN_RANDOM_LENGTH) out += ALPHABET[byte % 62];
    }
  }
  return TOKEN_PREFIX + out;
}

/** Cheap shape check so garbage never reaches the database. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function displayPrefix(token: string): string {
  return token.slice(0, DISPLAY_PREFIX_LENGTH);
}

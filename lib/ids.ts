import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * Prefixed random ids in Svix's style (`msg_2b7…`): the prefix tells a reader what the id
 * names, and 22 base62 characters carry ~131 bits, so ids are unguessable.
 */
export function newId(prefix: "usr" | "wh" | "evt" | "msg" | "att" | "tok"): string {
  const bytes = randomBytes(22);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % 62];
  return `${prefix}_${out}`;
}

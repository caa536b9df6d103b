import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * Prefixed random ids in Svix's style (`msg_2b7…`): the prefix tells a reader what the id
 * names, and 22 base62 characters carry ~131 bits, so ids are unguessable.
 */
export function newId(prefix: "usr" | "wh" | "evt" | "msg" | "att" | "tok"): string {
  const bytes = randomChunk(22);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % 62];
  return `${prefix}_${out}`;
}

// The delivery engine and ingestion make an id per row at thousands of rows a second: one
// crypto call per 4 KiB instead of one per id (a call costs more than the bytes).
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

function randomChunk(size: number): Buffer {
  if (poolOffset + size > pool.length) {
    pool = randomBytes(POOL_SIZE);
    poolOffset = 0;
  }
  const chunk = pool.subarray(poolOffset, poolOffset + size);
  poolOffset += size;
  return chunk;
}

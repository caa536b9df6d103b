import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * Prefixed ids in Svix's style (`msg_2b7…`): the prefix tells a reader what the id names.
 * 22 base62 characters: 8 of the creation time in ms, then 14 random (~83 bits), so ids are
 * unguessable AND time-ordered (like Svix's KSUIDs): rows then go in at the end of their
 * primary-key and foreign-key indexes instead of dirtying a random index page each, which is
 * most of the cost of writing the delivery log at thousands of rows a second.
 */
export function newId(prefix: "usr" | "wh" | "evt" | "msg" | "att" | "tok" | "ses"): string {
  let time = "";
  for (let ms = Date.now(), i = 0; i < 8; i++, ms = Math.floor(ms / 62)) time = ALPHABET[ms % 62] + time;
  const bytes = randomChunk(14);
  let out = time;
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

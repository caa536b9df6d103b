// Lists page on (created_at, id), newest first: a cursor is the last row's pair, sent to the
// client as opaque base64url JSON. Keyset paging stays as fast on page 400 as on page 1 and
// never skips or repeats a row while new rows arrive (OFFSET does both). The delivery log and
// the API's webhook list both page this way.

export type KeysetCursor = { createdAt: number; id: string };

export function encodeKeysetCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify({ c: cursor.createdAt, i: cursor.id }), "utf8").toString("base64url");
}

/** undefined when the string is not a cursor this module wrote. */
export function decodeKeysetCursor(value: string): KeysetCursor | undefined {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(value)) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as { c?: unknown; i?: unknown };
    if (typeof parsed?.c !== "number" || !Number.isSafeInteger(parsed.c) || parsed.c < 0) return undefined;
    if (typeof parsed.i !== "string" || parsed.i.length === 0 || parsed.i.length > 64) return undefined;
    return { createdAt: parsed.c, id: parsed.i };
  } catch {
    return undefined;
  }
}

/** The cursor of the page after `rows`, or null when `found` (one more than `limit` asked) says there is none. */
export function nextKeysetCursor(
  rows: readonly { createdAt: number; id: string }[],
  foundCount: number,
  limit: number,
): string | null {
  const last = rows.at(-1);
  return foundCount > limit && last ? encodeKeysetCursor({ createdAt: last.createdAt, id: last.id }) : null;
}

export type LimitedBody = { ok: true; bytes: Uint8Array } | { ok: false };

/**
 * Reads the request body, giving up as soon as it exceeds maxBytes. Content-Length is checked
 * first (cheap), and the bytes are counted as they arrive too, because a chunked body has no
 * Content-Length and a client may send more than it declared.
 */
export async function readLimitedBody(request: Request, maxBytes: number): Promise<LimitedBody> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false };
  }
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop reading: the rest of an oversized body is never buffered.
      await reader.cancel().catch(() => undefined);
      return { ok: false };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/**
 * True when the JSON text nests arrays/objects deeper than maxDepth. Checked on the text,
 * before parsing: JSON.parse copes with any depth, but JSON.stringify (storing the event,
 * building each delivery) recurses and would overflow the stack on a few hundred KiB of "[[[[",
 * turning bad input into a 500.
 */
export function isNestedDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isInString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) isInString = false;
    } else if (c === 0x22) {
      isInString = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    }
  }
  return false;
}

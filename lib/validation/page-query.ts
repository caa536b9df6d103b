import { z } from "zod";
import { decodeKeysetCursor } from "@/lib/keyset-cursor";

// Where a page of a keyset-paged list starts (`cursor`, from the previous page's nextCursor)
// and how many rows it holds (`limit`): the delivery log and the API's webhook list.

export function pageQuerySchema({ defaultLimit, maxLimit }: { defaultLimit: number; maxLimit: number }) {
  return z.object({
    cursor: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (!value) return undefined;
        const cursor = decodeKeysetCursor(value);
        if (!cursor) {
          ctx.addIssue({ code: "custom", message: "Invalid page cursor: reload the list from the first page" });
          return z.NEVER;
        }
        return cursor;
      }),
    limit: z.coerce
      .number({ error: "Page size must be a number" })
      .int("Page size must be a whole number")
      .min(1, "Page size must be at least 1")
      .max(maxLimit, `Page size must be at most ${maxLimit}`)
      .default(defaultLimit),
  });
}

/** `cursor` and `limit` as a URL's search params hold them. */
export function pageParams(params: URLSearchParams) {
  return { cursor: params.get("cursor") ?? undefined, limit: params.get("limit") ?? undefined };
}

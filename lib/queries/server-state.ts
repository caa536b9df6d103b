import { type DehydratedState, dehydrate, QueryClient, type QueryKey } from "@tanstack/react-query";

/**
 * What a server page read, as react-query state for <HydrationBoundary>: the browser's cache
 * starts from it under the same keys, and takes it over older data it already holds (coming
 * back to a page shows the server's fresh read, not what was cached on the last visit).
 */
export function serverQueryState(entries: [key: QueryKey, data: unknown][]): DehydratedState {
  const client = new QueryClient();
  for (const [key, data] of entries) client.setQueryData(key, data);
  return dehydrate(client);
}

/** An infinite query's data holding one first page, as useInfiniteQuery keeps it. */
export function firstPageOf<T>(page: T) {
  return { pages: [page], pageParams: [""] };
}

// What a person or a client is told while the database cannot be reached. Kept apart from
// db/unavailable.ts (which logs and knows the drivers) because the error pages, client
// components, import it too.

export const DATABASE_UNAVAILABLE_MESSAGE = "The database is unreachable right now; try again in a moment.";

/** The Retry-After of a 503 for an unreachable database: long enough for a restart or a failover. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The digest Next passes to an error page in place of the (hidden) server error: a page
 * whose render failed for want of the database can say so instead of "Something went wrong".
 */
export const DATABASE_UNAVAILABLE_DIGEST = "DATABASE_UNAVAILABLE";

export function isDatabaseUnavailableDigest(digest: string | undefined): boolean {
  return digest === DATABASE_UNAVAILABLE_DIGEST;
}

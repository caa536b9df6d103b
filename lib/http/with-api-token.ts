import "server-only";
import { getDb } from "@/db";
import type { ApiTokenScope } from "@/db/types";
import { apiError } from "@/lib/http/api-error";
import { admitApiTokenRequest, apiTokenRateLimited } from "@/lib/http/rate-limit/api-token-rate-limit";
import { thrownErrorResponse } from "@/lib/http/thrown-error-response";
import { UNEXPECTED_ERROR_MESSAGE } from "@/lib/log-unexpected-error";
import { hashToken, looksLikeToken } from "@/lib/tokens/token-format";

// Every /api/v1 route: the bearer API token (401 without a valid one), its scope (403 for a
// read-only token on a route that changes something), the per-token rate limit (429), then
// the route. Answers are never cached and never a raw error (503 while the database is away). Checks run cheapest first and
// before the body is read, so a refused client costs no more than one token lookup.

const AUTH_REALM = 'Bearer realm="docuhooks"';

type RouteContext<P> = { params: Promise<P> };
export type ApiTokenRoute<P> = (request: Request, context?: RouteContext<P>) => Promise<Response>;

export type ApiTokenHandler<P> = (args: { request: Request; token: TokenIdentity; params: P }) => Promise<Response>;

export type ApiTokenRouteOptions = {
  /** "write" for anything that changes data (sending events included); "read" for GETs. */
  scope: ApiTokenScope;
  /** What a 500 tells the caller, when the route has better advice than "try again". */
  unexpectedErrorMessage?: string;
};

export function withApiToken<P = Record<string, never>>(
  { scope, unexpectedErrorMessage = UNEXPECTED_ERROR_MESSAGE }: ApiTokenRouteOptions,
  handler: ApiTokenHandler<P>,
): ApiTokenRoute<P> {
  return async (request, context) => {
    let response: Response;
    try {
      response = await admit(request, scope, async (token) =>
        handler({ request, token, params: context ? await context.params : ({} as P) }),
      );
    } catch (error) {
      response = thrownErrorResponse(`${request.method} ${new URL(request.url).pathname}`, error, unexpectedErrorMessage);
    }
    response.headers.set("cache-control", "no-store");
    return response;
  };
}

async function admit(
  request: Request,
  scope: ApiTokenScope,
  run: (token: TokenIdentity) => Promise<Response>,
): Promise<Response> {
  const bearer = bearerToken(request.headers.get("authorization"));
  if (!bearer) {
    return apiError(
      401,
      "unauthorized",
      "Missing API token: send the header Authorization: Bearer <token>. Create a token under Settings → API tokens.",
      { headers: { "www-authenticate": AUTH_REALM } },
    );
  }
  const token = await authenticateApiToken(bearer);
  if (!token) {
    return apiError(401, "unauthorized", "Invalid or revoked API token.", {
      headers: { "www-authenticate": `${AUTH_REALM}, error="invalid_token"` },
    });
  }
  if (scope === "write" && token.scope !== "write") {
    return apiError(403, "forbidden", "This API token is read-only: create a read-and-write token to make changes.", {
      headers: { "www-authenticate": `${AUTH_REALM}, error="insufficient_scope", scope="write"` },
    });
  }
  const admission = await admitApiTokenRequest(token.tokenId);
  if (!admission.ok) return apiTokenRateLimited(admission.retryAfterMs);
  return run(token);
}

function bearerToken(header: string | null): string | null {
  const match = header?.match(/^Bearer[ \t]+(\S+)[ \t]*$/i);
  return match ? match[1] : null;
}

// ---- The token ------------------------------------------------------------------------

/** "Last used" is shown to the minute; writing it more often would cost hot ingestion a write per request. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export type TokenIdentity = { userId: string; tokenId: string; scope: ApiTokenScope };

/** Who the token acts for (which token it is, and what it may do), or null for a missing, malformed or revoked token. */
export async function authenticateApiToken(token: string, now = Date.now()): Promise<TokenIdentity | null> {
  if (!looksLikeToken(token)) return null;
  const db = getDb();
  const row = await db
    .selectFrom("api_tokens")
    .select(["id", "user_id", "scope", "last_used_at"])
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirst();
  if (!row) return null;
  if (row.last_used_at === null || row.last_used_at <= now - LAST_USED_RESOLUTION_MS) {
    // The condition is repeated in SQL so concurrent requests don't all write.
    await db
      .updateTable("api_tokens")
      .set({ last_used_at: now })
      .where("id", "=", row.id)
      .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<=", now - LAST_USED_RESOLUTION_MS)]))
      .execute();
  }
  return { userId: row.user_id, tokenId: row.id, scope: row.scope };
}

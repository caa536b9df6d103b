import "server-only";
import { isDatabaseUnavailable, noteDatabaseUnavailable } from "@/db/unavailable";
import { apiError, databaseUnavailable } from "@/lib/http/api-error";
import { logUnexpectedError, UNEXPECTED_ERROR_MESSAGE } from "@/lib/log-unexpected-error";

/**
 * What a JSON route answers when its handler threw: 503 with Retry-After while the database
 * cannot be reached (logged once per outage), otherwise a 500 whose details stay in the log.
 */
export function thrownErrorResponse(where: string, error: unknown, message = UNEXPECTED_ERROR_MESSAGE): Response {
  if (isDatabaseUnavailable(error)) {
    noteDatabaseUnavailable(where, error);
    return databaseUnavailable();
  }
  logUnexpectedError(where, error);
  return apiError(500, "internal_error", message);
}

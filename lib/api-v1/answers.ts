import { apiError } from "@/lib/http/api-error";

// The answers several /api/v1 routes share.

/** Another user's id and one that exists nowhere read the same, so ids cannot be probed. */
export const webhookNotFound = () => apiError(404, "not_found", "Webhook not found");
export const deliveryNotFound = () => apiError(404, "not_found", "Delivery not found");

/** 400 for a bad query string: the first problem in the message, each parameter in `fields`. */
export function invalidQuery(fields: Record<string, string>): Response {
  const [name, message] = Object.entries(fields)[0] ?? ["query", "Invalid query"];
  return apiError(400, "invalid_query", `The query is not valid: ${name}: ${message}`, { fields });
}

/** What the caller is told instead: the details stay in the server log. */
export const UNEXPECTED_ERROR_MESSAGE = "Something went wrong. Try again.";

/**
 * Logs a failure nobody expected (a bug, the database gone) with what locates it, and nothing
 * else: never the request or action input (passwords, secrets, payloads), never the error
 * object itself (a pg error's `detail` quotes row values such as an email).
 */
export function logUnexpectedError(where: string, error: unknown): void {
  if (!(error instanceof Error)) {
    console.error(`[${where}] failed with a thrown ${typeof error}`);
    return;
  }
  const code = (error as { code?: unknown }).code;
  const frames = error.stack?.split("\n").slice(1).join("\n") ?? "";
  console.error(`[${where}] failed: ${error.name}${typeof code === "string" ? ` (${code})` : ""}: ${error.message}\n${frames}`);
}

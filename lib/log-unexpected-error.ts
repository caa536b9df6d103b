import { log } from "@/lib/log";

/** What the caller is told instead: the details stay in the server log. */
export const UNEXPECTED_ERROR_MESSAGE = "Something went wrong. Try again.";

/**
 * Logs a failure nobody expected (a bug, the database gone) with what locates it, and nothing
 * else: never the request or action input (passwords, secrets, payloads), never the error
 * object itself (a pg error's `detail` quotes row values such as an email).
 */
export function logUnexpectedError(where: string, error: unknown): void {
  if (!(error instanceof Error)) {
    log.error({ where }, `${where} failed with a thrown ${typeof error}`);
    return;
  }
  const code = (error as { code?: unknown }).code;
  const frames = error.stack?.split("\n").slice(1).join("\n") ?? "";
  log.error(
    {
      where,
      err: { name: error.name, code: typeof code === "string" ? code : undefined, message: error.message, stack: frames },
    },
    `${where} failed`,
  );
}

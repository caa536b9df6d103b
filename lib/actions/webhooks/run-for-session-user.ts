import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/actions/result";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";

type Handler<T extends object> = (user: SessionUser, input: unknown) => Promise<ActionResult<T>>;

/** The session check, apart from Next's request so tests can call it with a user or none. */
export async function handleForUser<T extends object>(
  user: SessionUser | null,
  input: unknown,
  handler: Handler<T>,
): Promise<ActionResult<T>> {
  if (!user) return { ok: false, message: "Sign in first" };
  return handler(user, input);
}

/**
 * The part every webhook action shares: the session user, the handler (which parses and
 * scopes by user), a fresh Webhooks tab after a change, and no raw error for the client.
 */
export async function runForSessionUser<T extends object>(
  input: unknown,
  handler: Handler<T>,
  { revalidate = true }: { revalidate?: boolean } = {},
): Promise<ActionResult<T>> {
  try {
    const result = await handleForUser(await getSessionUser(), input, handler);
    if (result.ok && revalidate) revalidatePath("/settings/webhooks");
    return result;
  } catch (error) {
    console.error("webhook action failed", error);
    return { ok: false, message: "Something went wrong. Try again." };
  }
}

import type { ActionResult } from "@/lib/actions/result";

/** Calls a server action; a network failure (the action never answered) becomes a failed result. */
export async function runAction<T extends object>(run: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await run();
  } catch {
    return { ok: false, message: "Could not reach the server. Check your connection and try again." };
  }
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ActionResult } from "@/lib/actions/result";

const UNREACHABLE = "Could not reach the server. Check your connection and try again.";

/** Calls a server action; a network failure (the action never answered) becomes a failed result. */
export async function callAction<I, T extends object>(
  action: (input: I) => Promise<ActionResult<T>>,
  input: I,
): Promise<ActionResult<T>> {
  try {
    return await action(input);
  } catch {
    return { ok: false, message: UNREACHABLE };
  }
}

export type ActionMutation<I, T extends object> = {
  /** Runs the action; resolves once the page's data has been read again. Never throws. */
  run: (input: I) => Promise<ActionResult<T>>;
  isPending: boolean;
  /** The input of the call in flight, for showing its effect at once (the Enabled switch). */
  variables: I | undefined;
  /** The last call's answer, when it worked. */
  data: Extract<ActionResult<T>, { ok: true }> | undefined;
  /** The last call's message, when it did not. */
  failure: string | undefined;
  /** Forgets the last call's answer (a dialog does it when it closes). */
  reset: () => void;
};

/**
 * Every change the UI makes goes through here. When the action has answered, worked or not,
 * every query is invalidated: those on the page are read again before `run` resolves, the
 * others are read again when next shown. A failure is no exception: "not found" usually
 * means another tab changed the data. Reads (reveal a secret, copy as curl) call callAction.
 */
export function useActionMutation<I, T extends object>(action: (input: I) => Promise<ActionResult<T>>): ActionMutation<I, T> {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: (input: I) => callAction(action, input),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const result = mutation.data;
  return {
    run: mutation.mutateAsync,
    isPending: mutation.isPending,
    variables: mutation.isPending ? mutation.variables : undefined,
    data: result?.ok ? (result as Extract<ActionResult<T>, { ok: true }>) : undefined,
    failure: result && !result.ok ? result.message : undefined,
    reset: mutation.reset,
  };
}

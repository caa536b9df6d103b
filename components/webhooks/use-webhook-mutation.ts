"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useToast } from "@/components/ui/toast";
import type { ActionResult } from "@/lib/actions/result";
import { WEBHOOKS_QUERY_KEY } from "./webhook-query";

/**
 * Runs a webhook server action and, when it worked, refreshes the list and confirms with a
 * toast. Failures come back to the caller (forms show them under their fields).
 */
export function useWebhookMutation() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useCallback(
    async <T extends object>(run: () => Promise<ActionResult<T>>, successTitle: string): Promise<ActionResult<T>> => {
      let result: ActionResult<T>;
      try {
        result = await run();
      } catch {
        // Network down or server gone: the action never answered.
        result = { ok: false, message: "Could not reach the server. Check your connection and try again." };
      }
      if (result.ok) {
        await queryClient.invalidateQueries({ queryKey: WEBHOOKS_QUERY_KEY });
        toast({ title: successTitle });
      }
      return result;
    },
    [queryClient, toast],
  );
}

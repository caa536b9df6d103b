"use client";

import { useQuery } from "@tanstack/react-query";
import type { ApiTokenSummary } from "@/lib/tokens/list-api-tokens";
import { fetchJson } from "./fetch-json";
import { queryKeys } from "./query-keys";

/** The API tokens tab's list (names and prefixes, never a token). */
export function useApiTokens() {
  return useQuery({
    queryKey: queryKeys.apiTokens(),
    queryFn: async () => (await fetchJson<{ tokens: ApiTokenSummary[] }>("/api/tokens")).tokens,
  });
}

// Settings → API tokens: the signed-in user's tokens for POST /api/v1/events.

import { HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { TokensTable } from "@/components/tokens/tokens-table";
import { requireUser } from "@/lib/auth/session";
import { queryKeys } from "@/lib/queries/query-keys";
import { serverQueryState } from "@/lib/queries/server-state";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const user = await requireUser();
  const tokens = await listApiTokens(user.id);
  return (
    <HydrationBoundary state={serverQueryState([[queryKeys.apiTokens(), tokens]])}>
      <TokensTable />
    </HydrationBoundary>
  );
}

// Settings → API tokens: the signed-in user's tokens for POST /api/v1/events.
import { TokensTable } from "@/components/tokens/tokens-table";
import { requireUser } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";

export default async function TokensPage() {
  const user = await requireUser();
  return <TokensTable tokens={await listApiTokens(user.id)} />;
}

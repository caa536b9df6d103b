// GET /api/tokens: the signed-in user's API tokens (names and prefixes only), for the API tokens tab.
import { withSession } from "@/lib/http/with-session";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";

export const GET = withSession(async ({ user }) => Response.json({ tokens: await listApiTokens(user.id) }));

import "server-only";
import { getSessionUser, SESSION_ENDED_MESSAGE, type SessionUser } from "@/lib/auth/session";
import { apiError } from "@/lib/http/api-error";
import { thrownErrorResponse } from "@/lib/http/thrown-error-response";

// The JSON routes the settings pages poll: the signed-in user or 401, the route's answer, and
// never a cached response (each is one user's data) nor a raw error.

type RouteContext<P> = { params: Promise<P> };
type Route<P> = (request: Request, context: RouteContext<P>) => Promise<Response>;

/** The route, and `withUser` to run it for a given user or none (tests: there is no session outside a request). */
export type SessionRoute<P> = Route<P> & { withUser: (user: SessionUser | null) => Route<P> };

export function withSession<P = Record<string, never>>(
  handler: (args: { request: Request; user: SessionUser; params: P }) => Promise<Response>,
): SessionRoute<P> {
  const runAs =
    (readUser: () => Promise<SessionUser | null>): Route<P> =>
    async (request, context) => {
      let response: Response;
      try {
        const user = await readUser();
        response = user
          ? await handler({ request, user, params: await context.params })
          : apiError(401, "unauthorized", SESSION_ENDED_MESSAGE);
      } catch (error) {
        response = thrownErrorResponse(`${request.method} ${new URL(request.url).pathname}`, error);
      }
      response.headers.set("cache-control", "no-store");
      return response;
    };
  return Object.assign(runAs(getSessionUser), { withUser: (user: SessionUser | null) => runAs(async () => user) });
}

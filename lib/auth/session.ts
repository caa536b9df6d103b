import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { authOptions } from "@/lib/auth/options";
import { REQUEST_PATH_HEADER } from "@/lib/auth/request-path";
import { type SessionUser, userForSession } from "@/lib/auth/session-store";

export type { SessionUser };

/** What an action or a session route answers when nobody is signed in (or the session expired). */
export const SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again.";

/**
 * The signed-in user, or null. The JWT alone is not trusted: its session row must still be
 * there (sign-out deletes it) along with the user, so a copied cookie after sign-out, a token
 * for a deleted user (or from another database) signs nobody in.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  return readSessionUser();
}

// Once per server render: the layout and the page both ask.
const readSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const { id, sid } = (session?.user ?? {}) as { id?: unknown; sid?: unknown };
  if (typeof id !== "string" || typeof sid !== "string") return null;
  return userForSession(id, sid);
});

/** The signed-in user; anyone else is sent to /signin, which sends them back here afterwards. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(await signInPathBack());
  return user;
}

async function signInPathBack(): Promise<string> {
  // Sign-in re-checks the value (same-site paths only): the header only saves a click.
  const path = (await headers()).get(REQUEST_PATH_HEADER);
  return path ? `/signin?callbackUrl=${encodeURIComponent(path)}` : "/signin";
}

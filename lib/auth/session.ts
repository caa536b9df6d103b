import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { getDb } from "@/db";
import { authOptions } from "@/lib/auth/options";
import { REQUEST_PATH_HEADER } from "@/lib/auth/request-path";

export type SessionUser = { id: string; email: string };

/** What an action or a session route answers when nobody is signed in (or the session expired). */
export const SESSION_ENDED_MESSAGE = "Your session has ended. Sign in again.";

/**
 * The signed-in user, or null. The JWT alone is not trusted for existence: the user row is
 * re-read, so a token for a deleted user (or from another database) signs nobody in.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  return readSessionUser();
}

// Once per server render: the layout and the page both ask.
const readSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await getDb().selectFrom("users").select(["id", "email"]).where("id", "=", id).executeTakeFirst();
  return user ?? null;
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

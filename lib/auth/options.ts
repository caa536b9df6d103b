import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeRedirectUrl } from "@/components/auth/safe-callback-url";
import { authenticate } from "@/lib/auth/authenticate";
import { createSession, endSession } from "@/lib/auth/session-store";
import { appUrl, persistentSecret } from "@/lib/config";

// A function, not a constant: the secret is read from the data directory on first use, never
// at import time (next build imports this module without a data directory).
const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

export function authOptions(): AuthOptions {
  // next-auth reads its URL from the environment; the first run needs no configuration.
  process.env.NEXTAUTH_URL ??= appUrl();
  return {
    secret: persistentSecret("NEXTAUTH_SECRET", "nextauth.secret"),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        authorize: (credentials) => authenticate(credentials),
      }),
    ],
    callbacks: {
      // After sign-out (and any other next-auth redirect): same-site only, always a valid header.
      redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
      // At sign-in: a sessions row, named in the JWT; session.ts checks it on every request.
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.email = user.email;
          token.sid = await createSession(user.id, SESSION_MAX_AGE_S * 1000);
        }
        return token;
      },
      session({ session, token }) {
        if (session.user) {
          const user = session.user as { id?: string; sid?: unknown };
          user.id = token.sub;
          user.sid = token.sid;
        }
        return session;
      },
    },
    events: {
      // Sign-out ends the session row, so the cookie (or a copy of it) signs nobody in again.
      async signOut({ token }) {
        if (typeof token?.sid === "string") await endSession(token.sid);
      },
    },
  };
}

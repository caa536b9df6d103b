import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeRedirectUrl } from "@/components/auth/safe-callback-url";
import { authenticate } from "@/lib/auth/authenticate";
import { appUrl, persistentSecret } from "@/lib/config";

// A function, not a constant: the secret is read from the data directory on first use, never
// at import time (next build imports this module without a data directory).
export function authOptions(): AuthOptions {
  // next-auth reads its URL from the environment; the first run needs no configuration.
  process.env.NEXTAUTH_URL ??= appUrl();
  return {
    secret: persistentSecret("NEXTAUTH_SECRET", "nextauth.secret"),
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
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
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.email = user.email;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}

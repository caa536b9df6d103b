// Shared by server and client code (a "use client" module's constants reach a server
// component as references, not values): what the sign-in page says after a detour.

/** What the form says when the page sent it before it had loaded (next-auth refused it: no CSRF token). */
export const NOT_LOADED_MESSAGE = "The page had not finished loading. Sign in again.";

/** `?notice=` after a sign-up whose sign-in failed, and what the sign-in page then says. */
export const SIGN_UP_NOT_SIGNED_IN = "signup";
export const SIGN_UP_NOT_SIGNED_IN_MESSAGE =
  "We could not sign you in. If this email already has an account, sign in with its password.";

import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";
import { SignInForm } from "@/components/auth/sign-in-form";
import { NOT_LOADED_MESSAGE, SIGN_UP_NOT_SIGNED_IN, SIGN_UP_NOT_SIGNED_IN_MESSAGE } from "@/components/auth/sign-in-notices";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; csrf?: string; notice?: string }>;
}) {
  const search = await searchParams;
  const callbackUrl = safeCallbackUrl(search.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <AuthCard
      title="Sign in"
      description="Sign in to manage your webhooks."
      footer={
        <>
          No account yet?{" "}
          <Link href="/signup" className="font-medium text-neutral-900 underline underline-offset-4">
            Sign up
          </Link>
        </>
      }
    >
      <SignInForm callbackUrl={callbackUrl} notice={noticeOf(search)} />
    </AuthCard>
  );
}

function noticeOf(search: { csrf?: string; notice?: string }): string | undefined {
  if (search.csrf === "true") return NOT_LOADED_MESSAGE;
  if (search.notice === SIGN_UP_NOT_SIGNED_IN) return SIGN_UP_NOT_SIGNED_IN_MESSAGE;
  return undefined;
}

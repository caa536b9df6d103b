import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";
import { NOT_LOADED_MESSAGE, SignInForm } from "@/components/auth/sign-in-form";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; csrf?: string }> }) {
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
      <SignInForm callbackUrl={callbackUrl} notice={search.csrf === "true" ? NOT_LOADED_MESSAGE : undefined} />
    </AuthCard>
  );
}

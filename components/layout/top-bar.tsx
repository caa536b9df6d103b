import Link from "next/link";
import { AccountMenu } from "@/components/layout/account-menu";
import { Logo } from "@/components/layout/logo";

export function TopBar({ email }: { email: string }) {
  return (
    <header className="sticky top-0 z-40 border-b border-neutral-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-14 w-full max-w-5xl items-center justify-between px-4 sm:px-6">
        <Link href="/settings/webhooks" className="flex items-center rounded-md">
          <Logo />
        </Link>
        <AccountMenu email={email} />
      </div>
    </header>
  );
}

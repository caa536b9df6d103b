"use client";

import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useToast } from "@/components/ui/toast";
import { signOutEverywhereAction } from "@/lib/actions/auth/sign-out-everywhere";
import { callAction } from "@/lib/queries/use-action-mutation";

/** "jane.doe@x.com" -> "JD"; "bob@x.com" -> "BO"; digits are skipped ("user-42@x.com" -> "US"). */
function initials(email: string): string {
  const words = (email.split("@")[0] ?? "").split(/[^\p{L}]+/u).filter(Boolean);
  const letters = words.length >= 2 ? words[0][0] + words[1][0] : (words[0] ?? "").slice(0, 2);
  return (letters || "?").toUpperCase();
}

export function AccountMenu({ email }: { email: string }) {
  const router = useRouter();
  const toast = useToast();

  async function signOutEverywhere() {
    const result = await callAction(signOutEverywhereAction, {});
    if (!result.ok) {
      toast({ title: "Could not sign out everywhere", description: result.message, variant: "destructive" });
      return;
    }
    await signOut({ callbackUrl: "/signin" });
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label="Account menu"
        className="grid h-9 w-9 cursor-pointer place-items-center rounded-full bg-neutral-200 text-sm font-medium text-neutral-700 hover:bg-neutral-300 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-neutral-950 focus-visible:ring-offset-2"
      >
        {initials(email)}
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-56">
        <DropdownMenuLabel className="grid gap-0.5">
          <span className="text-xs font-normal text-neutral-500">Signed in as</span>
          <span className="truncate">{email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem onSelect={() => router.push("/settings/webhooks")}>User settings</DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void signOut({ callbackUrl: "/signin" })}>Sign out</DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void signOutEverywhere()}>Sign out everywhere</DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

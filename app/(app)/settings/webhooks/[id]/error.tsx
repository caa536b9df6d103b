"use client";

// Shown when the detail page cannot be rendered; the details stay in the server log.
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableDigest } from "@/lib/database-unavailable-message";

export default function WebhookDetailError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="grid justify-items-start gap-3 rounded-lg border border-red-200 bg-red-50 p-6">
      <p className="font-medium text-red-900">
        {isDatabaseUnavailableDigest(error.digest) ? DATABASE_UNAVAILABLE_MESSAGE : "This webhook could not be loaded."}
      </p>
      <div className="flex gap-2">
        <Button variant="outline" onClick={reset}>
          Try again
        </Button>
        <Link href="/settings/webhooks" className="inline-flex h-9 items-center px-2 text-sm text-neutral-700 hover:underline">
          Back to webhooks
        </Link>
      </div>
    </div>
  );
}

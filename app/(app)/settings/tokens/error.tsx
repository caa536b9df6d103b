"use client";

// Shown when the token list cannot be loaded; the details stay in the server log.
import { Button } from "@/components/ui/button";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableDigest } from "@/lib/database-unavailable-message";

export default function TokensError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="grid justify-items-start gap-3 rounded-lg border border-red-200 bg-red-50 p-6">
      <p className="font-medium text-red-900">
        {isDatabaseUnavailableDigest(error.digest) ? DATABASE_UNAVAILABLE_MESSAGE : "Could not load your API tokens."}
      </p>
      <Button variant="outline" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}

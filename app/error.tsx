"use client";

import { StatusPage } from "@/components/layout/status-page";
import { Button } from "@/components/ui/button";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableDigest } from "@/lib/database-unavailable-message";

// A page that failed to render: what happened in words and a way on; the details stay in
// the server log (the digest ties this page to its log line). An unreachable database says so:
// it is nobody's mistake and trying again soon will work.
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  if (isDatabaseUnavailableDigest(error.digest)) {
    return (
      <StatusPage title="The database is unreachable" description={DATABASE_UNAVAILABLE_MESSAGE}>
        <Button variant="outline" onClick={reset}>
          Try again
        </Button>
      </StatusPage>
    );
  }
  return (
    <StatusPage
      title="Something went wrong"
      description={`This page could not be shown. Try again, or go back to your webhooks.${error.digest ? ` (Reference ${error.digest})` : ""}`}
    >
      <Button variant="outline" onClick={reset}>
        Try again
      </Button>
    </StatusPage>
  );
}

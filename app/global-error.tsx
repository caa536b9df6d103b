"use client";

import "./globals.css";
import { StatusPage } from "@/components/layout/status-page";
import { Button } from "@/components/ui/button";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailableDigest } from "@/lib/database-unavailable-message";

// The root layout itself failed: this page brings its own <html> and <body>.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const isDatabaseUnreachable = isDatabaseUnavailableDigest(error.digest);
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <title>Something went wrong · Docuhooks</title>
        <StatusPage
          title={isDatabaseUnreachable ? "The database is unreachable" : "Something went wrong"}
          description={
            isDatabaseUnreachable
              ? DATABASE_UNAVAILABLE_MESSAGE
              : `Docuhooks could not show this page. Try again in a moment.${error.digest ? ` (Reference ${error.digest})` : ""}`
          }
        >
          <Button variant="outline" onClick={reset}>
            Try again
          </Button>
        </StatusPage>
      </body>
    </html>
  );
}

"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import * as React from "react";
import { TimeZoneProvider } from "@/components/ui/time-zone";
import { Toaster } from "@/components/ui/toast";

/** `timeZone`: the viewer's, as the server rendered the page (lib/viewer-time-zone.ts). */
export function Providers({ timeZone, children }: { timeZone: string; children: React.ReactNode }) {
  // One client per browser tab (state, not module scope, so server renders never share it).
  const [queryClient] = React.useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 10_000, retry: 1 } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <TimeZoneProvider timeZone={timeZone}>
        <Toaster>{children}</Toaster>
      </TimeZoneProvider>
    </QueryClientProvider>
  );
}

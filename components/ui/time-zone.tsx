"use client";

import { createContext, useContext } from "react";
import { FALLBACK_TIME_ZONE } from "@/lib/time-zone";

// The viewer's time zone, as the server read it from the request (lib/time-zone.ts). The
// server renders with it and the browser hydrates with the same value, so a time's text never
// changes between the two.

const TimeZoneContext = createContext<string>(FALLBACK_TIME_ZONE);

export function TimeZoneProvider({ timeZone, children }: { timeZone: string; children: React.ReactNode }) {
  return <TimeZoneContext.Provider value={timeZone}>{children}</TimeZoneContext.Provider>;
}

export function useTimeZone(): string {
  return useContext(TimeZoneContext);
}

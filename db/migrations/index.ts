import type { Migration } from "kysely";
import * as init from "./2026-11-27T00-00-00-init";
import * as deliveryLog from "./2026-11-27T01-00-00-delivery-log";
import * as documensoCompat from "./2026-11-28T00-00-00-documenso-compat";
import * as sessionsRateLimits from "./2026-12-01T00-00-00-sessions-rate-limits";
import * as manualAttempts from "./2026-12-02T00-00-00-manual-attempts";
import * as publicApi from "./2026-12-03T00-00-00-public-api";
import * as minuteRollup from "./2026-12-04T00-00-00-minute-rollup";
import * as rollupOutcomes from "./2026-12-05T00-00-00-rollup-outcomes";
import * as deliveryEventType from "./2026-12-06T00-00-00-delivery-event-type";
import * as endpointRateLimit from "./2026-12-07T00-00-00-endpoint-rate-limit";
import * as deliveriesFillfactor from "./2026-12-09T00-00-00-deliveries-fillfactor";
import * as requestBodyOnce from "./2026-12-10T00-00-00-request-body-once";

// Listed statically (not read from disk) so migrations run the same under tsx, vitest and
// the Next.js server bundle. Names sort by their ISO date.
export const migrations: Record<string, Migration> = {
  "2026-11-27T00-00-00-init": init,
  "2026-11-27T01-00-00-delivery-log": deliveryLog,
  "2026-11-28T00-00-00-documenso-compat": documensoCompat,
  "2026-12-01T00-00-00-sessions-rate-limits": sessionsRateLimits,
  "2026-12-02T00-00-00-manual-attempts": manualAttempts,
  "2026-12-03T00-00-00-public-api": publicApi,
  "2026-12-04T00-00-00-minute-rollup": minuteRollup,
  "2026-12-05T00-00-00-rollup-outcomes": rollupOutcomes,
  "2026-12-06T00-00-00-delivery-event-type": deliveryEventType,
  "2026-12-07T00-00-00-endpoint-rate-limit": endpointRateLimit,
  "2026-12-09T00-00-00-deliveries-fillfactor": deliveriesFillfactor,
  "2026-12-10T00-00-00-request-body-once": requestBodyOnce,
};

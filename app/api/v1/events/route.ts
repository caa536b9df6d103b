// POST /api/v1/events: ingests a document event (Bearer API token) and queues its deliveries.
import { withSecurityHeaders } from "@/lib/http/security-headers";
import { handleEventRequest, methodNotAllowed } from "@/lib/ingest/handle-event-request";

// The proxy does not run here (it would buffer the body the handler streams), so the route
// adds the security headers itself.
export const POST = withSecurityHeaders(handleEventRequest);
export const GET = withSecurityHeaders(methodNotAllowed);
export const PUT = withSecurityHeaders(methodNotAllowed);
export const PATCH = withSecurityHeaders(methodNotAllowed);
export const DELETE = withSecurityHeaders(methodNotAllowed);

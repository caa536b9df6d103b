// POST /api/v1/events: ingests a document event (Bearer API token) and queues its deliveries.
import { handleEventRequest, methodNotAllowed } from "@/lib/ingest/handle-event-request";

export const POST = handleEventRequest;
export const GET = methodNotAllowed;
export const PUT = methodNotAllowed;
export const PATCH = methodNotAllowed;
export const DELETE = methodNotAllowed;

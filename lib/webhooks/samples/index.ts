import type { WireEventName } from "@/lib/webhooks/events";
import documentCancelled from "./document.cancelled.json";
import documentCompleted from "./document.completed.json";
import documentCreated from "./document.created.json";
import documentOpened from "./document.opened.json";
import documentRecipientCompleted from "./document.recipient.completed.json";
import documentRejected from "./document.rejected.json";
import documentReminderSent from "./document.reminder.sent.json";
import documentSent from "./document.sent.json";
import documentSigned from "./document.signed.json";
import recipientExpired from "./recipient.expired.json";
import templateCreated from "./template.created.json";
import templateDeleted from "./template.deleted.json";
import templateUpdated from "./template.updated.json";
import templateUsed from "./template.used.json";

// One realistic Documenso payload per event, as data (Dub's sample-events habit), for the
// webhook "Test" button and "view example". Each has exactly the fields Documenso sends, in
// its order, recipients' signing tokens included (tests/unit/sample-payloads.test.ts checks
// them against Documenso's own schema); a webhook without the token option gets them stripped,
// like any event.
// The Record type makes the compiler insist on exactly one sample per catalogue event.
const SAMPLES: Record<WireEventName, unknown> = {
  DOCUMENT_CREATED: documentCreated,
  DOCUMENT_SENT: documentSent,
  DOCUMENT_OPENED: documentOpened,
  DOCUMENT_SIGNED: documentSigned,
  DOCUMENT_COMPLETED: documentCompleted,
  DOCUMENT_REJECTED: documentRejected,
  DOCUMENT_CANCELLED: documentCancelled,
  DOCUMENT_RECIPIENT_COMPLETED: documentRecipientCompleted,
  DOCUMENT_REMINDER_SENT: documentReminderSent,
  RECIPIENT_EXPIRED: recipientExpired,
  TEMPLATE_CREATED: templateCreated,
  TEMPLATE_UPDATED: templateUpdated,
  TEMPLATE_DELETED: templateDeleted,
  TEMPLATE_USED: templateUsed,
};

/** The sample document for an event, as a fresh copy the caller may change. */
export function getSamplePayload(wire: WireEventName): Record<string, unknown> {
  return structuredClone(SAMPLES[wire]) as Record<string, unknown>;
}

import { describe, expect, it } from "vitest";
import { DOTTED_EVENT_NAMES, parseEventName, toDottedName } from "@/lib/webhooks/events";

describe("event catalogue", () => {
  it("lists the five everyday document events first, dotted for the UI", () => {
    expect(DOTTED_EVENT_NAMES.slice(0, 5)).toEqual([
      "document.created",
      "document.sent",
      "document.opened",
      "document.signed",
      "document.completed",
    ]);
    expect(DOTTED_EVENT_NAMES).toContain("document.recipient.completed");
    expect(DOTTED_EVENT_NAMES).toContain("template.used");
  });

  it("accepts either form of a name and nothing else", () => {
    expect(parseEventName("document.signed")).toBe("DOCUMENT_SIGNED");
    expect(parseEventName("DOCUMENT_SIGNED")).toBe("DOCUMENT_SIGNED");
    expect(parseEventName("document_signed")).toBeUndefined();
    expect(parseEventName("Document.Signed")).toBeUndefined();
    expect(toDottedName("RECIPIENT_EXPIRED")).toBe("recipient.expired");
  });
});

import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZDocumentPayloadSchema } from "@/lib/validation/document-payload";
import { parseEventRequest } from "@/lib/validation/event-request";
import { isDocumentEvent, toDottedName, WIRE_EVENT_NAMES } from "@/lib/webhooks/events";
import { getSamplePayload } from "@/lib/webhooks/samples";

type Recipient = { signingStatus: string; readStatus: string; sendStatus: string; signedAt: string | null; role: string };
type Doc = {
  status: string;
  completedAt: string | null;
  deletedAt: string | null;
  source: string;
  recipients: Recipient[];
  Recipient: Recipient[];
};

const samplesDir = path.resolve(import.meta.dirname, "../../lib/webhooks/samples");

describe("sample payloads", () => {
  it("exist as one JSON file per catalogue event, named by its dotted name", () => {
    const files = fs
      .readdirSync(samplesDir)
      .filter((f) => f.endsWith(".json"))
      .sort();
    expect(files).toEqual(WIRE_EVENT_NAMES.map((wire) => `${toDottedName(wire)}.json`).sort());
  });

  it.each(WIRE_EVENT_NAMES)("%s: valid against the payload schema and accepted by the API body parser", (wire) => {
    const sample = getSamplePayload(wire);
    const parsed = ZDocumentPayloadSchema.safeParse(sample);
    expect(parsed.error?.issues ?? []).toEqual([]);
    const request = parseEventRequest({ event: toDottedName(wire), payload: sample });
    expect(request.ok).toBe(true);
    // What we would store is the sample itself: nothing to strip, nothing reordered.
    if (request.ok) expect(JSON.stringify(request.value.payload)).toBe(JSON.stringify(sample));
  });

  it.each(WIRE_EVENT_NAMES)("%s: consistent with its event", (wire) => {
    const doc = getSamplePayload(wire) as unknown as Doc;
    expect(doc.Recipient).toEqual(doc.recipients);
    expect(JSON.stringify(doc)).not.toContain('"token"');
    for (const r of doc.recipients) {
      if (r.signingStatus === "SIGNED") expect(r.signedAt).toBeTruthy();
      else expect(r.signedAt).toBeNull();
      if (r.signingStatus !== "NOT_SIGNED") expect(r.readStatus).toBe("OPENED");
      if (r.readStatus === "OPENED") expect(r.sendStatus).toBe("SENT");
    }
    if (doc.status !== "COMPLETED") expect(doc.completedAt).toBeNull();
    expect(doc.source).toBe(isDocumentEvent(wire) ? "DOCUMENT" : "TEMPLATE");
  });

  it("document.completed: COMPLETED, completedAt set, every recipient SIGNED / OPENED / SENT", () => {
    const doc = getSamplePayload("DOCUMENT_COMPLETED") as unknown as Doc;
    expect(doc.status).toBe("COMPLETED");
    expect(doc.completedAt).toBeTruthy();
    for (const r of doc.recipients) {
      expect(r).toMatchObject({ signingStatus: "SIGNED", readStatus: "OPENED", sendStatus: "SENT" });
      expect(r.signedAt).toBeTruthy();
    }
  });

  it("document lifecycle statuses follow the event", () => {
    const status = (wire: (typeof WIRE_EVENT_NAMES)[number]) => (getSamplePayload(wire) as unknown as Doc).status;
    expect(status("DOCUMENT_CREATED")).toBe("DRAFT");
    expect(status("DOCUMENT_SENT")).toBe("PENDING");
    expect(status("DOCUMENT_SIGNED")).toBe("PENDING");
    expect(status("DOCUMENT_REJECTED")).toBe("REJECTED");
    expect(status("DOCUMENT_CANCELLED")).toBe("CANCELLED");
    const created = getSamplePayload("DOCUMENT_CREATED") as unknown as Doc;
    expect(created.recipients.every((r) => r.sendStatus === "NOT_SENT")).toBe(true);
    const rejected = getSamplePayload("DOCUMENT_REJECTED") as unknown as Doc;
    expect(rejected.recipients.some((r) => r.signingStatus === "REJECTED")).toBe(true);
    expect((getSamplePayload("TEMPLATE_DELETED") as unknown as Doc).deletedAt).toBeTruthy();
  });

  it("getSamplePayload returns a copy the caller may change", () => {
    const a = getSamplePayload("DOCUMENT_SIGNED");
    a.title = "changed";
    expect(getSamplePayload("DOCUMENT_SIGNED").title).not.toBe("changed");
  });
});

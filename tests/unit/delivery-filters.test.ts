import { describe, expect, it } from "vitest";
import { deliveryFiltersToParams, parseDeliveryFilters } from "@/lib/validation/delivery-filters";

// The log's filters in its URL: what the page, the browser and the JSON route all read.

const parse = (query: string) => parseDeliveryFilters(new URLSearchParams(query));

describe("delivery log filters in the URL", () => {
  it("reads a tab, events in either form and an id search", () => {
    expect(parse("status=failing&event=DOCUMENT_SIGNED,document.sent&event=document.signed&search=%20msg_abc%20")).toEqual({
      filters: { status: "failing", events: ["document.sent", "document.signed"], search: "msg_abc" },
    });
    expect(parse("")).toEqual({ filters: { status: "all", events: [], search: "" } });
  });

  it("keeps what it can read from a bad link and says what it could not", () => {
    const { filters, fieldErrors } = parse("status=everything&event=document.signed&event=document.exploded&search=msg_1");
    // The link still opens the log: every status, every event, the search kept.
    expect(filters).toEqual({ status: "all", events: [], search: "msg_1" });
    expect(fieldErrors).toEqual({
      status: "Status must be one of all, delivered, failing, failed, pending, cancelled",
      events: "Unknown event: document.exploded",
    });
  });

  it("writes the filters back as the same URL, without defaults", () => {
    const { filters } = parse("event=document.completed&status=pending&event=DOCUMENT_CREATED&search=evt_9");
    const params = deliveryFiltersToParams(filters);
    expect(params.toString()).toBe("status=pending&event=document.created&event=document.completed&search=evt_9");
    expect(parseDeliveryFilters(params).filters).toEqual(filters);
    expect(deliveryFiltersToParams(parse("status=all").filters).toString()).toBe("");
  });
});

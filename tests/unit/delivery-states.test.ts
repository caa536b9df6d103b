import { describe, expect, it } from "vitest";
import type { DeliveryStatus } from "@/db/types";
import { DELIVERY_STATES, deliveryStateOf, RECOVERABLE_STATES } from "@/lib/delivery-log/delivery-states";

// The one vocabulary of delivery states: every stored status shows as exactly one state.

const STATUSES: DeliveryStatus[] = ["pending", "retrying", "delivered", "failed", "cancelled"];

describe("delivery states", () => {
  it("covers every stored status exactly once", () => {
    const covered = DELIVERY_STATES.flatMap((state) => state.statuses);
    expect([...covered].sort()).toEqual([...STATUSES].sort());
    expect(STATUSES.map((status) => deliveryStateOf(status).label)).toEqual([
      "Pending",
      "Failing",
      "Delivered",
      "Failed",
      "Cancelled",
    ]);
  });

  it("says in words what Failing and Failed mean, and Recover takes exactly those", () => {
    expect(deliveryStateOf("retrying").description).toMatch(/will retry/);
    expect(deliveryStateOf("failed").description).toMatch(/gave up/);
    expect(RECOVERABLE_STATES.map((state) => state.name)).toEqual(["failing", "failed"]);
  });
});

import { recordEvent } from "@/lib/ingest/record-event";
import type { WireEventName } from "@/lib/webhooks/events";
import { getSamplePayload } from "@/lib/webhooks/samples";

/** Records `count` sample events for the user, a few at a time (the pool has connections to spare). */
export async function recordManyEvents(userId: string, type: WireEventName, count: number, parallel = 8): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next++;
      await recordEvent(userId, { type, payloadJson: JSON.stringify(getSamplePayload(type)) });
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
}

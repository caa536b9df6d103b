import { getDb } from "@/db";
import type { DeliveryStatus } from "@/db/types";
import type { ReceivedRequest } from "./receiver";

/** How many times each webhook-id reached the receiver. */
export function countPerWebhookId(requests: ReceivedRequest[]): Map<string, number> {
  const perId = new Map<string, number>();
  for (const request of requests) {
    const id = String(request.headers["webhook-id"]);
    perId.set(id, (perId.get(id) ?? 0) + 1);
  }
  return perId;
}

export async function countDeliveries(status: DeliveryStatus): Promise<number> {
  const { count } = await getDb()
    .selectFrom("deliveries")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("status", "=", status)
    .executeTakeFirstOrThrow();
  return Number(count);
}

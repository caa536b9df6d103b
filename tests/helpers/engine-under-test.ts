import { afterAll, beforeAll } from "vitest";
import { type DeliveryWorker, startDeliveryWorker } from "@/lib/delivery-engine/worker";
import { type Receiver, startReceiver } from "./receiver";

export type EngineUnderTest = { receiver: Receiver; worker: DeliveryWorker };

/**
 * A real receiver and an in-process delivery worker for the whole test file, started before
 * its tests and stopped after them. Read the fields inside tests (they are set in beforeAll).
 */
export function receiverAndWorkerForFile(): EngineUnderTest {
  const engine = {} as EngineUnderTest;
  beforeAll(async () => {
    engine.receiver = await startReceiver();
    engine.worker = startDeliveryWorker({ pollIntervalMs: 50 });
  });
  afterAll(async () => {
    await engine.worker.stop();
    await engine.receiver.close();
  });
  return engine;
}

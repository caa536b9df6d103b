/**
 * Repeats one bounded DELETE until it deletes less than a full batch, yielding between
 * batches: each batch is its own short statement, so ingestion and the worker never wait long
 * for the write lock (one giant DELETE would hold SQLite's for seconds).
 */
export async function deleteInBatches(batchSize: number, deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch();
    total += deleted;
    if (deleted < batchSize) return total;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

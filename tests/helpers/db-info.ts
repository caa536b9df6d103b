/** Which dialect this run is on, for test names: "sqlite" or "postgres". */
export const testDialect = process.env.TEST_DB === "postgres" ? "postgres" : "sqlite";

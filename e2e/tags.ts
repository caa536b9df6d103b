// Tags the e2e config reads (kept apart from fixtures.ts, which loads the app's database code,
// so that playwright.config.ts can import them).

/** A test whose assertions no database changes: it runs in the first project only (playwright.config.ts). */
export const DB_INDEPENDENT = "@db-independent";

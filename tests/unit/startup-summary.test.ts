import { afterEach, describe, expect, it } from "vitest";
import { redactUrl } from "@/lib/log";
import { startupSummary } from "@/lib/startup-summary";

// What a process prints when it starts: one line per part, and never a credential.

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("startup summary", () => {
  it("names the URL, the database, the worker's limits and the SSRF guard, one line each", () => {
    Object.assign(process.env, {
      DATABASE_URL: "./data/app.db",
      WEBHOOK_ALLOW_PRIVATE: "",
      WORKER_IN_WEB: "",
      DELIVERY_CONCURRENCY: "64",
    });
    const lines = startupSummary("web");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^Docuhooks on http/);
    expect(lines[1]).toContain("SQLite ./data/app.db");
    expect(lines[2]).toContain("concurrency 64");
    expect(lines[3]).toContain("SSRF guard: on");
  });

  it("shows a Postgres URL without its password, and says when the guard is off", () => {
    Object.assign(process.env, { DATABASE_URL: "postgres://app:s3cret-pw@db.internal:5432/hooks", WEBHOOK_ALLOW_PRIVATE: "1" });
    const text = startupSummary("worker").join("\n");
    expect(text).not.toContain("s3cret-pw");
    expect(text).toContain("PostgreSQL postgres://***@db.internal:5432/hooks");
    expect(text).toContain("SSRF guard: off");
  });

  it("says when delivery is left to standalone workers", () => {
    Object.assign(process.env, { DATABASE_URL: "./data/app.db", WORKER_IN_WEB: "0" });
    expect(startupSummary("web")[2]).toContain("off in this process");
  });
});

describe("redactUrl", () => {
  it("drops credentials and the query, where receivers put keys", () => {
    expect(redactUrl("https://user:pw@hooks.example.com/in?key=abc")).toBe("https://***@hooks.example.com/in?…");
    expect(redactUrl("not a url")).toBe("[unparseable URL]");
  });
});

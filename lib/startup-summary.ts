import { allowPrivateTargets, appUrl, databaseUrl, deliveryConfig, isPostgresUrl, isWorkerDisabledInWeb } from "@/lib/config";
import { redactUrl } from "@/lib/log";

// What a process says when it starts, one plain line per part, so the first run (and an
// operator reading a boot log) sees where it serves, on which database, whether it delivers and
// with what limits, and whether the SSRF guard is on. Never a password: the database URL is
// shown without its credentials.

export type ProcessRole = "web" | "worker";

export function startupSummary(role: ProcessRole): string[] {
  const url = databaseUrl();
  const database = isPostgresUrl(url) ? `PostgreSQL ${redactUrl(url)}` : `SQLite ${url}`;
  const delivers = role === "worker" || !isWorkerDisabledInWeb();
  const worker = delivers
    ? `on (concurrency ${deliveryConfig.globalConcurrency()}, ${deliveryConfig.perEndpointConcurrency()} per endpoint, batches of ${deliveryConfig.batchSize()}, timeout ${deliveryConfig.timeoutMs() / 1000} s)`
    : "off in this process (WORKER_IN_WEB=0: standalone `npm run worker` processes deliver)";
  const guard = allowPrivateTargets()
    ? "off (WEBHOOK_ALLOW_PRIVATE=1: webhooks may call this machine's network)"
    : "on (webhooks cannot call private or loopback addresses)";
  return [
    ...(role === "web" ? [`Docuhooks on ${appUrl()}`] : [`Docuhooks delivery worker, pid ${process.pid}`]),
    `  database:  ${database}`,
    `  delivery:  ${worker}`,
    `  SSRF guard: ${guard}`,
  ];
}

export function printStartupSummary(role: ProcessRole): void {
  for (const line of startupSummary(role)) console.log(line);
}

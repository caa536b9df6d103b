// GET /api/health: liveness for load balancers and uptime checks. Deliberately touches nothing
// (no database, no session), so it also serves as the benchmark's "trivial route" baseline.
export function GET(): Response {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}

// A separate process spending one key's tokens: `ATTEMPTS` admissions at once through a
// TokenLeases of its own, on DATABASE_URL. Prints {"admitted": n} and exits.
import { closeDb } from "@/db";
import { TokenLeases } from "@/lib/http/rate-limit/token-leases";

async function main() {
  const bucket = { capacity: Number(process.env.CAPACITY), refill: 1, perMs: 3_600_000 };
  const leases = new TokenLeases(
    () => bucket,
    () => Number(process.env.CHUNK),
  );
  const attempts = Array.from({ length: Number(process.env.ATTEMPTS) }, () => leases.admit(String(process.env.KEY)));
  const admitted = (await Promise.all(attempts)).filter((admission) => admission.ok).length;
  console.log(JSON.stringify({ admitted }));
  await closeDb();
}

void main();

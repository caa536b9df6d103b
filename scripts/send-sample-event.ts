// `npm run send-event -- document.signed`: posts the event's sample Documenso payload to the
// ingestion API with the token in $TOKEN, and prints the answer. The README tour's step that
// sends an event, runnable from any folder of the checkout (npm finds the package).
import { parseEventName } from "@/lib/webhooks/events";
import { getSamplePayload } from "@/lib/webhooks/samples";

async function main(): Promise<number> {
  const name = process.argv[2] ?? "document.signed";
  const wire = parseEventName(name);
  if (!wire) {
    console.error(`Unknown event "${name}". Try document.signed, document.completed, template.used…`);
    return 2;
  }
  const token = process.env.TOKEN;
  if (!token) {
    console.error("Set TOKEN to an API token first: export TOKEN=dh_… (API tokens tab → Create token).");
    return 2;
  }
  const appUrl = (process.env.APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
  const response = await fetch(`${appUrl}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ event: name, payload: getSamplePayload(wire) }),
  });
  console.log(`${response.status} ${await response.text()}`);
  return response.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`Could not reach the app: ${error.message}`);
    process.exit(1);
  },
);

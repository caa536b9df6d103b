import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { generateWebhookSecret } from "@/lib/crypto/generate-webhook-secret";
import { expect, seedApiToken, seedUser, seedWebhook, signedOutTest as test } from "./fixtures";
import { DB_INDEPENDENT } from "./tags";

// The README's tour, run as written: the npm scripts it names exist, `npm run receiver` prints
// what reaches it, and `npm run send-event` (with the exported TOKEN) gets a 202 from the
// running app and a signed Documenso delivery to the webhook. Run from a subfolder, as the
// README promises any folder of the checkout works.

const root = path.resolve(__dirname, "..");
const run = promisify(execFile);

function tourCommands(): string[] {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const tour = readme.slice(readme.indexOf("## Try it in five minutes"), readme.indexOf("### Verify a delivery"));
  return [...tour.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]);
}

test("every npm script the README tour names exists", { tag: DB_INDEPENDENT }, () => {
  const scripts = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts;
  const named = tourCommands();
  expect(named).toEqual(expect.arrayContaining(["product", "receiver", "send-event"]));
  for (const name of named) expect(scripts[name], `npm run ${name}`).toBeDefined();
});

test("npm run send-event delivers the sample through the running app", { tag: DB_INDEPENDENT }, async ({ receiver, baseURL }) => {
  const user = await seedUser("tour");
  await seedWebhook(user, { url: `${receiver.url}/hook`, events: ["document.signed"], secret: generateWebhookSecret() });
  const token = await seedApiToken(user, "tour");

  const { stdout } = await run("npm", ["run", "--silent", "send-event", "--", "document.signed"], {
    cwd: path.join(root, "docs"),
    env: { ...process.env, TOKEN: token, APP_URL: baseURL },
  });
  expect(stdout).toMatch(/^202 \{"id":"evt_[^"]+","deliveries":1/);
  await expect.poll(() => receiver.requests.length, { timeout: 20_000 }).toBe(1);
  const [delivery] = receiver.requests;
  expect(JSON.parse(delivery.body).event).toBe("DOCUMENT_SIGNED");
  expect(delivery.headers["webhook-signature"]).toMatch(/^v1,/);
});

test("npm run send-event without TOKEN says how to get one", { tag: DB_INDEPENDENT }, async () => {
  const env = { ...process.env };
  delete env.TOKEN;
  const failed = await run("npm", ["run", "--silent", "send-event"], { cwd: root, env }).catch((error) => error);
  expect(failed.code).toBe(2);
  expect(failed.stderr).toContain("export TOKEN=");
});

test("npm run receiver prints the headers and body it gets", { tag: DB_INDEPENDENT }, async () => {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn("npm", ["run", "--silent", "receiver"], {
    cwd: path.join(root, "docs"),
    env: { ...process.env, PORT: String(port) },
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  try {
    await expect.poll(() => output, { timeout: 20_000 }).toContain("Receiver listening");
    const answer = await fetch(`http://127.0.0.1:${port}/hook`, {
      method: "POST",
      headers: { "x-probe": "tour" },
      body: '{"hello":"tour"}',
    });
    expect(await answer.text()).toBe("ok");
    await expect.poll(() => output).toContain('{"hello":"tour"}');
    expect(output).toContain("x-probe: tour");
  } finally {
    // npm runs tsx runs node: end the whole group, not only npm.
    process.kill(-child.pid!, "SIGTERM");
  }
});

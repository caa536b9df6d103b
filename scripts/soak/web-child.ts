// The web side of the soak: POST /api/v1/events served by the route handler `next start`
// serves, in a process of its own that the soak can SIGKILL without a `next build` first.
// Run as `node --conditions=react-server --import tsx scripts/soak/web-child.ts` (the
// condition is what lets server-only modules load outside Next); PORT and DATABASE_URL
// from the environment. Prints "soak web listening" once it accepts connections.
import http from "node:http";
import { POST } from "@/app/api/v1/events/route";

const server = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
  const request = new Request(`http://127.0.0.1${req.url}`, {
    method: req.method,
    headers,
    body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
  });
  const response = await POST(request);
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
});

server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("soak web listening"));

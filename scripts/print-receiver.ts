// `npm run receiver`: a webhook receiver on http://127.0.0.1:4000 (PORT overrides) that prints
// each request's headers and body and answers 200, for trying the product by hand.
import http from "node:http";

const port = Number(process.env.PORT ?? 4000);
http
  .createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      console.log(`${request.method} ${request.url}`);
      for (const [name, value] of Object.entries(request.headers)) console.log(`${name}: ${value}`);
      console.log(`\n${Buffer.concat(chunks).toString("utf8")}\n`);
      response.end("ok");
    });
  })
  .listen(port, "127.0.0.1", () => console.log(`Receiver listening on http://127.0.0.1:${port}/hook`));

import http from "node:http";

// The ceiling every rate is compared with: plain node:http answering a constant, on this machine, in this run.
const body = "hello";
http
  .createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": body.length });
    res.end(body);
  })
  .listen(Number(process.env.PORT ?? 4100), "127.0.0.1");

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What `GET /healthz` answers: 200 with the body when healthy, 503 with it when not. */
export interface Health {
  healthy: boolean;
  body: Record<string, unknown>;
}

/**
 * A server for the health check alone (Socket Mode has no HTTP server of its own): `GET /healthz` answers
 * what `health()` says, anything else 404. It reads no request body, and keeps no connection open for long.
 */
export async function startHealthServer(
  port: number,
  host: string | undefined,
  health: () => Health,
): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method !== "GET" || path !== "/healthz") {
      response.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", Connection: "close" });
      response.end("only GET /healthz is served here\n");
      return;
    }
    const { healthy, body } = health();
    response.writeHead(healthy ? 200 : 503, { "Content-Type": "application/json" });
    response.end(JSON.stringify(body));
  });
  server.headersTimeout = 5_000;
  server.requestTimeout = 5_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

// The other baseline: Bun's built-in WebSocket server echoing every message. PORT from the environment.
// Run by bun, not node; the declaration below only keeps `tsc --noEmit` (without bun-types) quiet.
interface BunSocket {
  send(message: string | Uint8Array): number;
}
interface BunServer {
  upgrade(req: Request): boolean;
}
declare const Bun: {
  serve(options: {
    hostname: string;
    port: number;
    fetch(req: Request, server: BunServer): Response | undefined;
    websocket: { perMessageDeflate: boolean; message(ws: BunSocket, message: string | Uint8Array): void };
  }): unknown;
};

Bun.serve({
  hostname: '127.0.0.1',
  port: Number(process.env.PORT),
  fetch(req, server) {
    return server.upgrade(req) ? undefined : new Response('WebSocket attendu', { status: 426 });
  },
  websocket: {
    perMessageDeflate: false,
    message(ws, message) {
      ws.send(message);
    },
  },
});

export {};

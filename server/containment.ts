/**
 * A fault costs the request that caused it, not the process: every `request` and `upgrade`
 * listener of the server (ours and the ones Engine.IO adds) runs inside these wrappers.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import { refuseUpgrade } from './http-refusal.ts';
import type { Logger } from './log.ts';

/** A plain Node request listener. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
/** A plain Node upgrade listener. */
export type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** The request line for logs: method and path, without the query (it may carry anything). */
function describe(req: IncomingMessage): string {
  const path = (req.url ?? '').split('?')[0].slice(0, 200);
  return `${req.method} ${JSON.stringify(path)}`;
}

/** Answers 500 if nothing was sent yet; otherwise the response is already wrong, so cut it. */
function fail(res: ServerResponse): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end('Erreur interne du serveur.\n');
}

/** Runs `listener`; what it throws, or a stream it pipes into the response fails with, becomes a 500. */
export function containRequest(listener: RequestListener, log: Logger): RequestListener {
  return (req, res) => {
    // A file stream that fails mid-way (sirv pipes files into the response) emits `error` with no
    // listener of its own, which would end the process.
    res.once('pipe', (source: Readable) => {
      source.once('error', (error) => {
        log.error(`request failed ${describe(req)}: ${error.message}`);
        fail(res);
      });
    });
    try {
      listener(req, res);
    } catch (error) {
      log.error(`request failed ${describe(req)}: ${(error as Error)?.message ?? error}`);
      fail(res);
    }
  };
}

/** Runs `listener`; if it throws, the socket gets a 500 when it can still be written to, then is destroyed. */
export function containUpgrade(listener: UpgradeListener, log: Logger): UpgradeListener {
  return (req, socket, head) => {
    try {
      listener(req, socket, head);
    } catch (error) {
      log.error(`upgrade failed ${describe(req)}: ${(error as Error)?.message ?? error}`);
      socket.on('error', () => socket.destroy());
      refuseUpgrade(socket, 500, 'Erreur interne du serveur.');
    }
  };
}

/** Wraps every `request` and `upgrade` listener already on `server` (call once they are all attached). */
export function containListeners(server: Server, log: Logger, before?: RequestListener): void {
  const requests = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on(
    'request',
    containRequest((req, res) => {
      before?.(req, res);
      for (const listener of requests) listener.call(server, req, res);
    }, log),
  );
  const upgrades = server.listeners('upgrade') as UpgradeListener[];
  server.removeAllListeners('upgrade');
  for (const listener of upgrades) server.on('upgrade', containUpgrade(listener.bind(server), log));
}

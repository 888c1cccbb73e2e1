/** Helpers for tests that run a real program next to the server (nginx, Caddy). */
import { createServer as createTcpServer, connect as tcpConnect, type AddressInfo } from 'node:net';
import { request, tcp, upgradeRequest } from './raw.ts';

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createTcpServer().listen(0, '127.0.0.1');
  await new Promise((r) => probe.once('listening', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

/** Resolves once 127.0.0.1:port accepts connections; throws what `diagnose()` says after 5 s. */
export async function waitForPort(port: number, diagnose: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1', () => (s.destroy(), resolve(true))).on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(diagnose());
}

/** Upgrades to /echo through a proxy on `port`, from a chosen loopback address; resolves with the HTTP status. */
export async function upgradeFrom(port: number, localAddress: string, extra = ''): Promise<number> {
  const socket = await tcp(port, localAddress);
  return (await request(socket, upgradeRequest('/echo', extra).replace('Host: 127.0.0.1', `Host: 127.0.0.1:${port}`))).status;
}

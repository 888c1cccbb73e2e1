/** Helpers for tests that run a real program next to the server (nginx, Caddy). */
import assert from 'node:assert/strict';
import { freePort, waitForPort } from '../../test-support/processes.ts';
import { request, tcp, upgradeRequest } from '../../test-support/raw-socket.ts';
import { connect, nextMessage } from './helpers.ts';

export { freePort };

/** Resolves once 127.0.0.1:port accepts connections; throws what `diagnose()` says after 5 s. */
export async function waitForProxy(port: number, diagnose: () => string): Promise<void> {
  await waitForPort(port, 5000).catch(() => {
    throw new Error(diagnose());
  });
}

/** Upgrades to /echo through a proxy on `port`, from a chosen loopback address; resolves with the HTTP status. */
export async function upgradeFrom(port: number, localAddress: string, extra = ''): Promise<number> {
  const socket = await tcp(port, localAddress);
  return (await request(socket, upgradeRequest('/echo', extra).replace('Host: 127.0.0.1', `Host: 127.0.0.1:${port}`))).status;
}

/** Reads the event stream at `url` until `count` events have arrived (a buffering proxy never gets there). */
async function readEvents(url: string, count: number): Promise<string[]> {
  const response = await fetch(url, { headers: { Accept: 'text/event-stream' } });
  assert.equal(response.status, 200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  try {
    while ((text.match(/^data:/gm) ?? []).length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
    }
  } finally {
    await reader.cancel();
  }
  return text.match(/^data:.*$/gm) ?? [];
}

/**
 * Through the proxy on `port`: the page's own Origin is accepted, messages echo, the event
 * stream flows as it is written (the server must run with a short updatesInterval), and
 * /metrics is hidden.
 */
export async function assertProxiesTheCourse(port: number, label: string): Promise<void> {
  const client = await connect(`ws://127.0.0.1:${port}/echo`, undefined, { origin: `http://127.0.0.1:${port}` });
  client.send(`via ${label}`);
  assert.equal((await nextMessage(client)).data.toString(), `via ${label}`);
  // Two small events are far below any proxy buffer: they only arrive if the proxy streams.
  assert.equal((await readEvents(`http://127.0.0.1:${port}/api/updates/stream`, 2)).length, 2);
  const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
  assert.equal(metrics.status, 403);
  await metrics.text();
}

/** With a per-IP cap of 1 behind the proxy on `port`: each client counts alone, forged headers do not help. */
export async function assertPerClientCap(port: number): Promise<void> {
  assert.equal(await upgradeFrom(port, '127.0.0.2', 'X-Forwarded-For: 10.0.0.1\r\n'), 101);
  assert.equal(await upgradeFrom(port, '127.0.0.3'), 101);
  // Forging another address does not escape the per-IP cap: only what the proxy saw counts.
  assert.equal(await upgradeFrom(port, '127.0.0.2', 'X-Forwarded-For: 10.0.0.2\r\n'), 429);
}

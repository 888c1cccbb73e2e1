import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HSTS } from './security-headers.ts';
import { startServer } from './test/helpers.ts';

/** A throwaway self-signed certificate for localhost, made by openssl. */
function selfSigned(): { tlsCert: string; tlsKey: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ws-course-tls-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const tlsCert = join(dir, 'cert.pem');
  const tlsKey = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', tlsKey, '-out', tlsCert], { stdio: 'ignore' });
  return { tlsCert, tlsKey };
}

/** The Strict-Transport-Security header of an HTTPS GET (the certificate is not checked). */
function hstsOf(url: string): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    get(url, { rejectUnauthorized: false }, (res) => {
      res.resume();
      resolve(res.headers['strict-transport-security']);
    }).on('error', reject);
  });
}

test('with TLS, every response carries Strict-Transport-Security', async () => {
  const { url } = await startServer(selfSigned());
  assert.ok(url.startsWith('https://'));
  for (const path of ['', 'healthz', 'echo', 'nowhere', 'api/updates', '_astro/app.abc123.js', 'socket.io/?EIO=4&transport=polling']) {
    assert.equal(await hstsOf(`${url}${path}`), HSTS, `/${path}`);
  }
});

test('without TLS, no Strict-Transport-Security', async () => {
  const { url } = await startServer();
  for (const path of ['', 'healthz']) {
    const res = await fetch(`${url}${path}`);
    assert.equal(res.headers.get('strict-transport-security'), null);
    await res.text();
  }
});

test('with TLS, a client that never starts its handshake is cut after HANDSHAKE_TIMEOUT', { timeout: 10000 }, async () => {
  const { port } = await startServer({ ...selfSigned(), handshakeTimeout: 300 });
  const socket = connect(port, '127.0.0.1');
  after(() => socket.destroy());
  socket.on('error', () => {});
  await once(socket, 'connect');
  // Sends nothing: only the server can end this.
  await once(socket, 'close');
});
